import { onTestFinished } from 'vitest'
import { createSyncServer, type SyncServer, type SyncServerOptions } from '../../server/sync-server'

/** One structured log line of the server, parsed. */
export interface LogRecord {
  time: string
  level: 'info' | 'warn' | 'error'
  event: string
  msg: string
  [field: string]: unknown
}

/** A running server on 127.0.0.1 and an ephemeral port, with what it logged. */
export interface TestServer {
  server: SyncServer
  /** The `msg` of each log line, in order (e.g. `room <id>: unloaded`). */
  logs: string[]
  /** Every log line, parsed; the server must write one JSON object per line. */
  records: LogRecord[]
  /** Every log line as written. */
  lines: string[]
}

/**
 * Starts a sync server for one test, closed when the test finishes. Rooms unload at once
 * (`idleUnloadMs: 0`) so that tests see compaction and unloading without waiting.
 */
export async function startTestServer(
  options: Omit<SyncServerOptions, 'port' | 'host' | 'log'>,
): Promise<TestServer> {
  const logs: string[] = []
  const records: LogRecord[] = []
  const lines: string[] = []
  const server = await createSyncServer({
    idleUnloadMs: 0,
    log: (line) => {
      lines.push(line)
      const record = JSON.parse(line) as LogRecord
      records.push(record)
      logs.push(record.msg)
    },
    ...options,
    host: '127.0.0.1',
    port: 0,
  })
  onTestFinished(() => server.close())
  return { server, logs, records, lines }
}
