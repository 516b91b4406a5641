import { fork, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'
import type { SyncServerOptions } from '../../server/sync-server'
import type { LogRecord } from './sync-test-server'
import type { Health } from './server-observe'
import { resourcesAbove } from './soak-report'
import { waitFor } from './wait-for'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CHILD = fileURLToPath(new URL('./soak-server-child.ts', import.meta.url))

/** What the child passes to `createSyncServer` (JSON, so no store and no log function). */
export type SoakServerOptions = Pick<SyncServerOptions, 'dataDir' | 'idleUnloadMs' | 'limits'>

/** What the test asks of the child. */
type SoakAsk =
  | {
      type: 'probe'
      /** Force garbage collection first. */
      collect: boolean
      /** Start measuring the event loop delay afresh after this probe. */
      resetLoopDelay?: boolean
    }
  | { type: 'close' }

/** A request to the child over IPC. */
export type SoakRequest = SoakAsk & { id: number }

/** The server process as it measures itself. */
export interface SoakProbe {
  /** V8 heap in use, after three forced collections when the probe asked for them. */
  heapUsed: number
  /** `heapUsed` without V8's compiled code and bytecode: what the server itself holds. */
  heapWithoutCode: number
  rss: number
  /** User plus system CPU time since the process started. */
  cpuMicros: number
  /** Event loop delay since the last reset (or the start): the server's own stalls. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  /** `process.getActiveResourcesInfo()` counted by type, e.g. `{ TCPSocketWrap: 2 }`. */
  resources: Record<string, number>
}

/** The sync server running in a child process, with its log. */
export interface SoakServer {
  url: string
  /** Every log line so far, parsed. */
  records(): LogRecord[]
  /** Memory, CPU, loop delay and handles of the server process. */
  probe(options: Omit<Extract<SoakAsk, { type: 'probe' }>, 'type'>): Promise<SoakProbe>
  /** `GET /healthz` on a connection of its own that the server closes after answering. */
  health(): Promise<Health>
  /** `GET /metrics`, likewise. */
  metrics(): Promise<string>
  /** Calls `close()` in the child and resolves with its exit code once it has exited by itself. */
  close(timeoutMs: number): Promise<number | null | 'still running'>
}

/** One log line; anything but a JSON object counts as an error, so the soak reports it. */
function parseLine(line: string): LogRecord {
  try {
    return JSON.parse(line) as LogRecord
  } catch {
    return { time: '', level: 'error', event: 'not-json', msg: line }
  }
}

/**
 * Fetches `path` without keep-alive: a pooled connection would stay open in the server and
 * look like a leaked socket.
 */
function getOnce(origin: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      { agent: false, headers: { connection: 'close' } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(body)
            : reject(new Error(`${path} answered ${response.statusCode}`)),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/**
 * Forks `soak-server-child.ts` with `--expose-gc` and resolves once it listens. Killed when
 * the current test finishes, if still running.
 */
export async function startSoakServer(options: SoakServerOptions): Promise<SoakServer> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(options)], {
    cwd: REPO_ROOT,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const records: LogRecord[] = []
  let partial = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) records.push(parseLine(line))
  })

  let nextId = 0
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: () => void }>()
  let url: string | undefined
  child.on(
    'message',
    (message: { type?: 'ready'; url?: string; id?: number; result?: unknown }) => {
      if (message.type === 'ready') url = message.url
      else if (message.id !== undefined) waiting.get(message.id)?.resolve(message.result)
    },
  )
  void exited.then(() => {
    for (const request of waiting.values()) request.reject()
  })
  const ask = <T>(body: SoakAsk): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      const fail = () => {
        waiting.delete(id)
        reject(new Error(`the soak server exited before answering ${body.type}`))
      }
      const answer = (result: unknown) => {
        waiting.delete(id)
        resolve(result as T)
      }
      waiting.set(id, { resolve: answer, reject: fail })
      if (!child.connected) return fail()
      child.send({ ...body, id }, (error) => error && fail())
    })

  await waitFor(
    'the soak server to listen',
    () => url !== undefined || child.exitCode !== null,
    30_000,
  )
  if (url === undefined)
    throw new Error(`soak server exited with ${child.exitCode} before listening`)
  const origin = url
  return {
    url: origin,
    records: () => records,
    probe: (options) => ask<SoakProbe>({ type: 'probe', ...options }),
    health: async () => JSON.parse(await getOnce(origin, '/healthz')) as Health,
    metrics: () => getOnce(origin, '/metrics'),
    close: async (timeoutMs) => {
      await ask<null>({ type: 'close' })
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<'still running'>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, 'still running')
      })
      const ending = await Promise.race([exited, timeout])
      clearTimeout(timer)
      return ending
    },
  }
}

/** The highest memory the server reports while the sampler runs, probed every second. */
export function samplePeak(server: SoakServer) {
  const peak = { rss: 0, heapUsed: 0 }
  const take = (probe: SoakProbe) => {
    peak.rss = Math.max(peak.rss, probe.rss)
    peak.heapUsed = Math.max(peak.heapUsed, probe.heapUsed)
  }
  const timer = setInterval(() => void server.probe({ collect: false }).then(take), 1_000)
  return {
    peak,
    stop: async () => {
      clearInterval(timer)
      take(await server.probe({ collect: false }))
    },
  }
}

/**
 * Waits until the server holds no more resources of any type than `baseline` did (sockets take
 * a moment to close), or 5 s have passed, then probes it after collecting garbage.
 */
export async function settledProbe(server: SoakServer, baseline: SoakProbe): Promise<SoakProbe> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const { resources } = await server.probe({ collect: false })
    if (resourcesAbove(resources, baseline.resources).length === 0 || Date.now() > deadline) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return server.probe({ collect: true })
}
