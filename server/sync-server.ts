import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { createHttpHandler } from './http-handler'
import { encodeKeepAlive } from './protocol'
import { RoomRegistry } from './room-registry'
import { SocketMember } from './socket-member'
import type { DocStore } from './store/doc-store'
import { createSqliteStore } from './store/sqlite-store'
import { authorizeUpgrade, refuseUpgrade } from './upgrade-auth'

/** Options of {@link createSyncServer}. */
export interface SyncServerOptions {
  /** TCP port; 0 picks a free one (tests). Default 8080. */
  port?: number
  /** Interface to listen on. Default `0.0.0.0`; tests pass `127.0.0.1`. */
  host?: string
  /** Where the SQLite store lives (`margins.sqlite`). Must exist. */
  dataDir: string
  /** A store to use instead of the SQLite one in `dataDir`; the caller keeps ownership. */
  store?: DocStore
  /** The built client to serve; without it only `/healthz`, `/api/` and `/sync/` answer. */
  staticDir?: string
  /** One line per event worth an operator's eye. Never receives a token. Default: stdout. */
  log?: (line: string) => void
  /** How long an empty room stays loaded. Default 5 s. */
  idleUnloadMs?: number
  /** Interval of WebSocket pings and keep-alive messages. Default 15 s. */
  pingIntervalMs?: number
  /** Largest accepted WebSocket message. Default 16 MiB. */
  maxMessageBytes?: number
}

/** A running sync server. */
export interface SyncServer {
  /** `http://host:port`; the WebSocket endpoint is this origin with `ws:` and `/sync`. */
  url: string
  port: number
  /** Disconnects everyone, stores every room, stops listening, closes an owned store. */
  close(): Promise<void>
}

function originOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
}

/**
 * Starts the relay: the app and `/healthz` over HTTP, and Yjs sync over WebSocket at
 * `/sync/<groupId>?token=<key>` for the stock y-websocket client. Holds no global state, so a
 * test can run several servers in one process.
 */
export async function createSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const log = options.log ?? ((line: string) => console.log(line))
  const host = options.host ?? '0.0.0.0'
  const store = options.store ?? createSqliteStore({ dataDir: options.dataDir })
  const rooms = new RoomRegistry({ store, log, idleUnloadMs: options.idleUnloadMs ?? 5_000 })
  const members = new Map<WebSocket, SocketMember>()
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 16 * 1024 * 1024,
  })
  const http = createServer(createHttpHandler({ staticDir: options.staticDir, log }))
  let closing: Promise<void> | undefined

  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    const decision = closing ? ({ ok: false, status: 503 } as const) : authorizeUpgrade(req.url)
    if (!decision.ok) {
      // The group id is no secret by itself, but the URL holds the token: log neither.
      log(`sync refused: ${decision.status}`)
      return refuseUpgrade(socket, decision.status)
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const member = new SocketMember(ws, decision.access === 'write')
      members.set(ws, member)
      const room = rooms.join(decision.groupId, member)
      ws.on('message', (data: Buffer, isBinary) => {
        member.alive = true
        if (isBinary) room.receive(member, new Uint8Array(data))
      })
      ws.on('pong', () => {
        member.alive = true
      })
      ws.on('error', (error) => log(`sync socket error: ${error.message}`))
      ws.on('close', () => {
        members.delete(ws)
        room.leave(member)
      })
    })
  })

  const keepAlive = encodeKeepAlive()
  const pinger = setInterval(() => {
    for (const member of members.values()) member.checkAlive(keepAlive)
  }, options.pingIntervalMs ?? 15_000)

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 8080, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port

  async function shutDown(): Promise<void> {
    clearInterval(pinger)
    const stopped = new Promise<void>((resolve) => http.close(() => resolve()))
    await rooms.closeAll()
    await waitForSockets(members, 1_000)
    wss.close()
    http.closeAllConnections()
    await stopped
    if (!options.store) await store.close()
  }

  return {
    url: originOf(host, port),
    port,
    close: () => (closing ??= shutDown()),
  }
}

/** Gives closing sockets a moment to finish the close handshake, then cuts the rest. */
async function waitForSockets(members: Map<WebSocket, SocketMember>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (members.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  for (const ws of members.keys()) ws.terminate()
}
