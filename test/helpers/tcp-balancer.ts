import { createConnection, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A round-robin TCP proxy in front of several server nodes, as a load balancer would be. */
export interface TcpBalancer {
  /** `http://127.0.0.1:<port>`: give this to the clients. */
  url: string
  /** Connections handed to each backend so far, by its `host:port`. */
  handed: Map<string, number>
  close(): Promise<void>
}

/** One backend, `http://host:port` as a node's `url` says. */
function addressOf(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url)
  return { host: hostname, port: Number(port) }
}

/**
 * Listens on 127.0.0.1 and a free port and passes each connection, byte for byte, to the next
 * backend in turn; a backend that refuses the connection (a dead node) is skipped for the next
 * one, and a client is dropped only if every backend refuses. No health checks: a node that
 * died takes its connections with it, and the clients' reconnects land on the living ones.
 */
export async function startTcpBalancer(backends: readonly string[]): Promise<TcpBalancer> {
  const targets = backends.map(addressOf)
  const handed = new Map<string, number>()
  const open = new Set<Socket>()
  let next = 0

  const connect = (client: Socket, tries: number) => {
    if (tries >= targets.length || client.destroyed) return void client.destroy()
    const target = targets[next++ % targets.length] as { host: string; port: number }
    const upstream = createConnection(target)
    let connected = false
    upstream.once('connect', () => {
      connected = true
      const name = `${target.host}:${target.port}`
      handed.set(name, (handed.get(name) ?? 0) + 1)
      open.add(upstream)
      client.pipe(upstream)
      upstream.pipe(client)
      client.resume()
    })
    upstream.on('error', () => {
      if (!connected) connect(client, tries + 1)
      else client.destroy()
    })
    upstream.on('close', () => {
      open.delete(upstream)
      if (connected) client.destroy()
    })
    client.on('close', () => upstream.destroy())
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client)
    client.on('error', () => client.destroy())
    client.on('close', () => open.delete(client))
    connect(client, 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    handed,
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve))
      for (const socket of open) socket.destroy()
      await closed
    },
  }
}
