import { join } from 'node:path'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store'
import { readWalTail, type WalTail } from './crash-wal'
import { fixedPort } from './freed-port'
import { startServerProcess, type ServerProcess } from './server-process'
import { useTempDir } from './temp-dir'

const READY = /Margins is running at (http:\/\/\S+)/

/** What a SIGKILL left behind. */
export interface Crash {
  /** The structured log of the run that was killed, complete. */
  stdout: string
  /** The SQLite WAL as the dead process left it. */
  wal: WalTail
}

/** `server/index.ts` in a child process on a fixed address and data directory, killable. */
export interface CrashServer {
  readonly url: string
  /** Process id of the running server. */
  pid(): number
  /** Kills it with SIGKILL and reports what it left once it is gone. */
  kill(): Promise<Crash>
  /** Starts it again on the same port and data directory; resolves once it listens. */
  restart(): Promise<void>
}

/**
 * Starts the server as `npm start` runs it, on a fixed free port and a fresh data directory;
 * restarts take the same port, so stock clients reconnect to the address they know.
 */
export async function startCrashServer(): Promise<CrashServer> {
  const dataDir = await useTempDir('margins-crash-')
  const port = String(await fixedPort())
  const env = { PORT: port, HOST: '127.0.0.1', MARGINS_DATA_DIR: dataDir }
  let server: ServerProcess = await startServerProcess(env, READY)
  const url = READY.exec(server.output())?.[1] as string
  return {
    url,
    pid: () => server.child.pid as number,
    kill: async () => {
      server.child.kill('SIGKILL')
      await server.exited
      return {
        stdout: server.stdout(),
        wal: await readWalTail(join(dataDir, `${SQLITE_FILE_NAME}-wal`)),
      }
    },
    restart: async () => {
      server = await startServerProcess(env, READY)
    },
  }
}

/** Compactions the server logged as done, per group id, at or after `since` (epoch ms). */
export function compactionsLogged(stdout: string, since = 0): Map<string, number> {
  const done = new Map<string, number>()
  for (const line of stdout.split('\n')) {
    if (!line.includes(': compacted ')) continue
    const entry = JSON.parse(line) as { time: string; groupId?: string }
    if (entry.groupId === undefined || Date.parse(entry.time) < since) continue
    done.set(entry.groupId, (done.get(entry.groupId) ?? 0) + 1)
  }
  return done
}
