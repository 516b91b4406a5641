import { createServer } from 'node:http'
import { createServer as createTcpServer, type AddressInfo } from 'node:net'

/** A loopback port nothing listens on any more: an upstream that is down. */
export async function freedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * A port free now, below the range the OS hands out for port 0 (Linux: 32768 and up), so that
 * no server of a test running alongside takes it while ours is down between a kill (or a stop)
 * and its restart on the same port.
 */
export async function fixedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    const free = await new Promise<boolean>((resolve) => {
      const probe = createTcpServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (free) return port
  }
}
