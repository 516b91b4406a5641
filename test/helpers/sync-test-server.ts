import { onTestFinished } from 'vitest'
import { createSyncServer, type SyncServer, type SyncServerOptions } from '../../server/sync-server'

/** A running server on 127.0.0.1 and an ephemeral port, with the lines it logged. */
export interface TestServer {
  server: SyncServer
  logs: string[]
}

/**
 * Starts a sync server for one test, closed when the test finishes. Rooms unload at once
 * (`idleUnloadMs: 0`) so that tests see compaction and unloading without waiting.
 */
export async function startTestServer(
  options: Omit<SyncServerOptions, 'port' | 'host'>,
): Promise<TestServer> {
  const logs: string[] = []
  const server = await createSyncServer({
    idleUnloadMs: 0,
    log: (line) => logs.push(line),
    ...options,
    host: '127.0.0.1',
    port: 0,
  })
  onTestFinished(() => server.close())
  return { server, logs }
}
