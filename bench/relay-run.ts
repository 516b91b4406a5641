/**
 * One run of the relay benchmark: one relay in a fresh child process, one load from the
 * generator processes, and the figures of that run.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { percentile } from './measure'
import {
  monotonicMs,
  nodesOf,
  type ClientSpec,
  type FromServer,
  type GeneratorResult,
  type GroupAccess,
  type Load,
  type ServerKind,
  type ServerStats,
} from './relay-protocol'

/** How a run is made. */
export interface RunOptions {
  generators: number
  /** How long after the last scheduled send the run gives up waiting for convergence. */
  graceMs: number
  /** How long to wait after the clients left before measuring the heap. */
  settleMs: number
  /** Directory for a `--cpu-prof` profile of the server child, if wanted. */
  profileDir?: string
  /**
   * For the cluster kinds: the PostgreSQL server (each run gets a fresh database on it) and
   * the Redis the nodes fan out through.
   */
  cluster?: { newDatabase: () => Promise<string>; redisUrl: string }
}

/** The figures of one run. */
export interface RunFigures {
  converged: boolean
  missing: number
  convergeMs: number
  /** From the start to the last write of any client: the schedule's length, plus any lag. */
  lastSendMs: number
  deliveriesPerSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  framesPerUpdate: number
  serverCpuMs: number
  /** Deliveries per second of server CPU: what the relay could carry on a core of its own. */
  deliveriesPerCpuSecond: number
  serverPeakRssMb: number
  serverHeapAfterMb: number
  /** Margins only: store appends during the load, and their mean time in ms. */
  appends: number
  appendMeanMs: number
  /** CPU of the busiest generator as a share of the load phase's wall time (1 = one core). */
  generatorCpuShare: number
}

const HERE = import.meta.dirname
const EXEC_ARGV = ['--import', 'tsx']

function forkChild(file: string, args: string[], execArgv: string[]): ChildProcess {
  return fork(join(HERE, file), args, { execArgv: [...EXEC_ARGV, ...execArgv], stdio: 'inherit' })
}

/** How long a child may take to answer (a load's own deadline is passed to the generators). */
const ANSWER_MS = 180_000

/** The next IPC message of `type` from `child`; rejects if it fails, exits or never answers. */
function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`no '${type}' from a child within ${ANSWER_MS / 1000} s`))
    }, ANSWER_MS)
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === type) {
        cleanup()
        resolve(message as T)
      } else if (message.type === 'failed') {
        cleanup()
        reject(new Error(message.message))
      }
    }
    const onExit = (code: number | null) => {
      cleanup()
      reject(new Error(`child exited (${code}) before '${type}'`))
    }
    const cleanup = () => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

function clientsOf(load: Load, groups: GroupAccess[]): ClientSpec[] {
  return groups.flatMap((group, g) =>
    Array.from({ length: load.clientsPerGroup }, (_, slot) => ({
      group,
      clientNo: g * load.clientsPerGroup + slot,
      slot,
    })),
  )
}

/** Runs `load` against a fresh `kind` relay and measures it. */
export async function runOnce(
  kind: ServerKind,
  load: Load,
  options: RunOptions,
): Promise<RunFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'margins-relay-'))
  // One profile per thread (tsx's loader has a thread of its own); the largest is the server's.
  const profile = options.profileDir
    ? ['--cpu-prof', '--cpu-prof-dir', join(options.profileDir, `${kind}-${load.name}`)]
    : []
  const servers = Array.from({ length: nodesOf(kind) }, () =>
    forkChild('relay-server.ts', [kind], ['--expose-gc', ...profile]),
  )
  const generators: ChildProcess[] = []
  /** Every node's figures, added up (peak RSS: the largest node's). */
  const statsOf = async (gc: boolean): Promise<ServerStats> => {
    const answers = servers.map((server) => {
      const answer = next<ServerStats>(server, 'stats')
      server.send({ type: 'stats', gc })
      return answer
    })
    return sumStats(await Promise.all(answers))
  }
  try {
    const stats = () => statsOf(false)
    const cluster = kind === 'margins' || !kind.startsWith('margins') ? undefined : options.cluster
    if (kind.startsWith('margins-') && !cluster) throw new Error(`${kind} needs --multi-node`)
    const backends = cluster && {
      databaseUrl: await cluster.newDatabase(),
      redisUrl: servers.length > 1 ? cluster.redisUrl : undefined,
    }
    const ports: number[] = []
    let groups: GroupAccess[] | undefined
    // One node after the other: the first creates the groups, the others serve them too.
    for (const server of servers) {
      const listening = next<FromServer & { type: 'listening' }>(server, 'listening')
      const existing = groups
      server.send({
        type: 'start',
        groups: load.groups,
        dataDir,
        cluster: backends && { ...backends, existing },
      })
      const answer = await listening
      ports.push(answer.port)
      groups ??= answer.groups
    }
    const clients = clientsOf(load, groups as GroupAccess[])
    for (let i = 0; i < options.generators; i++) {
      const generatorProfile = options.profileDir
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            join(options.profileDir, `${kind}-${load.name}-generator`),
          ]
        : []
      generators.push(forkChild('relay-generator.ts', [], generatorProfile))
    }
    await Promise.all(
      generators.map((generator, i) => {
        const ready = next(generator, 'ready')
        const mine = clients.filter((client) => client.clientNo % options.generators === i)
        generator.send({ type: 'connect', kind, ports, load, clients: mine })
        return ready
      }),
    )
    const before = await stats()
    const scheduleMs = load.intervalMs * load.updatesPerClient
    const startAt = monotonicMs() + 200
    const done = generators.map((generator) => next<GeneratorResult>(generator, 'done'))
    for (const generator of generators) {
      generator.send({ type: 'go', startAt, deadlineMs: scheduleMs + options.graceMs })
    }
    const results = await Promise.all(done)
    const wallMs = monotonicMs() - startAt
    const after = await stats()
    await Promise.all(
      generators.map((generator) => {
        const left = next(generator, 'left')
        generator.send({ type: 'leave' })
        return left
      }),
    )
    await new Promise((resolve) => setTimeout(resolve, options.settleMs))
    const heap = await statsOf(true)
    await Promise.all(
      servers.map((server) => {
        const stopped = next(server, 'stopped')
        server.send({ type: 'stop' })
        return stopped
      }),
    )
    return figuresOf(results, startAt, wallMs, before, after, heap)
  } finally {
    await Promise.all([...servers, ...generators].map((child) => exited(child, 5_000)))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function sumStats(all: ServerStats[]): ServerStats {
  const total = (field: keyof ServerStats) => all.reduce((sum, stats) => sum + stats[field], 0)
  return {
    cpuMs: total('cpuMs'),
    maxRssKb: Math.max(...all.map((stats) => stats.maxRssKb)),
    heapUsed: total('heapUsed'),
    rss: total('rss'),
    appends: total('appends'),
    appendMs: total('appendMs'),
  }
}

function figuresOf(
  results: GeneratorResult[],
  startAt: number,
  wallMs: number,
  before: ServerStats,
  after: ServerStats,
  heap: ServerStats,
): RunFigures {
  const latencies = results.flatMap((result) => result.latencies)
  const convergeMs = Math.max(...results.map((result) => result.lastAt)) - startAt
  const sent = results.reduce((sum, result) => sum + result.updatesSent, 0)
  const frames = results.reduce((sum, result) => sum + result.frames, 0)
  return {
    converged: results.every((result) => result.converged),
    missing: results.reduce((sum, result) => sum + result.missing, 0),
    convergeMs,
    lastSendMs: Math.max(...results.map((result) => result.lastSentAt)) - startAt,
    deliveriesPerSecond: latencies.length / (convergeMs / 1000),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.reduce((most, latency) => Math.max(most, latency), 0),
    framesPerUpdate: frames / sent,
    serverCpuMs: after.cpuMs - before.cpuMs,
    deliveriesPerCpuSecond: latencies.length / ((after.cpuMs - before.cpuMs) / 1000),
    serverPeakRssMb: after.maxRssKb / 1024,
    serverHeapAfterMb: heap.heapUsed / 1024 / 1024,
    appends: after.appends - before.appends,
    appendMeanMs: (after.appendMs - before.appendMs) / Math.max(1, after.appends - before.appends),
    generatorCpuShare: Math.max(...results.map((result) => result.cpuMs)) / wallMs,
  }
}
