/**
 * The relay under load: Margins (auth on, durable SQLite storage) next to the reference
 * `@y/websocket-server` and Hocuspocus (both in memory, no extensions), in one run. Every relay
 * runs in a child process of its own, started the same way, in alternation (A B C, then B C A,
 * ...); the clients run in `--generators` other processes with the stock provider of each relay.
 *
 *   (a) 20 groups x 5 clients x 200 updates of ~100 bytes, one per client every 10 ms
 *   (b) 1 group x 50 clients x 50 updates, one per client every 10 ms
 *   (c) 1 group x 200 clients, one update and one presence change per client every 4 s, 20 s
 *
 * Throughput is deliveries (updates x other clients of the group) per second until every client
 * has every update, and per second of the relay's own CPU; latency is from the writer's
 * monotonic clock to the receiver's, which is one clock for every process of the machine.
 *
 *   npm run bench:relay                     every load, 3 rounds, medians
 *   npm run bench:relay -- --rounds 5       more rounds
 *   npm run bench:relay -- --load b         one load
 *   npm run bench:relay -- --profile DIR    also writes a CPU profile of each server child
 *   npm run bench:relay -- --smoke          tiny loads, 1 round: fails if a relay does not converge
 *   npm run bench:relay -- --multi-node     Margins scaled out instead: SQLite (1 node), PostgreSQL
 *                                           (1 node), PostgreSQL + Redis (2 nodes, each group's
 *                                           clients spread over both); own PostgreSQL and Redis
 */
import { cpus, loadavg } from 'node:os'
import * as Y from 'yjs'
import { argument, flag, median } from './measure'
import { CLUSTER_KINDS, SERVER_KINDS, type Load, type ServerKind } from './relay-protocol'
import { runOnce, type RunFigures, type RunOptions } from './relay-run'

const smoke = flag('smoke')

const FULL_LOADS: Load[] = [
  {
    name: 'a',
    groups: 20,
    clientsPerGroup: 5,
    updatesPerClient: 200,
    intervalMs: 10,
    presence: false,
  },
  {
    name: 'b',
    groups: 1,
    clientsPerGroup: 50,
    updatesPerClient: 50,
    intervalMs: 10,
    presence: false,
  },
  {
    name: 'c',
    groups: 1,
    clientsPerGroup: 200,
    updatesPerClient: 5,
    intervalMs: 4_000,
    presence: true,
  },
]

const SMOKE_LOADS: Load[] = [
  {
    name: 'a',
    groups: 2,
    clientsPerGroup: 3,
    updatesPerClient: 10,
    intervalMs: 10,
    presence: false,
  },
  {
    name: 'b',
    groups: 1,
    clientsPerGroup: 6,
    updatesPerClient: 10,
    intervalMs: 10,
    presence: false,
  },
  {
    name: 'c',
    groups: 1,
    clientsPerGroup: 10,
    updatesPerClient: 3,
    intervalMs: 200,
    presence: true,
  },
]

function valueOf(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : undefined
}

const only = valueOf('load')
const interval = argument('interval')
const loads = (smoke ? SMOKE_LOADS : FULL_LOADS)
  .filter((load) => !only || load.name === only)
  .map((load) => (interval === undefined ? load : { ...load, intervalMs: interval }))
const multiNode = flag('multi-node')
const allKinds: readonly ServerKind[] = multiNode ? ['margins', ...CLUSTER_KINDS] : SERVER_KINDS
const kinds = allKinds.filter((kind) => (valueOf('servers') ?? kind).split(',').includes(kind))
const rounds = argument('rounds') ?? (smoke ? 1 : 3)
const options: RunOptions = {
  generators: argument('generators') ?? 2,
  graceMs: smoke ? 15_000 : 60_000,
  settleMs: smoke ? 1_200 : 2_000,
  profileDir: valueOf('profile'),
}

// The scale-out comparison runs its own PostgreSQL and Redis, as the tests do.
const backends = multiNode ? await startBackends() : undefined
options.cluster = backends?.cluster

async function startBackends() {
  const { startPostgres, createDatabase } = await import('../test/helpers/postgres-server')
  const { startRedis } = await import('../test/helpers/redis-server')
  // WAL synced at each commit, as SQLite's is (synchronous = FULL): the tests turn that off.
  const [postgres, redis] = await Promise.all([startPostgres({ fsync: true }), startRedis()])
  return {
    cluster: { newDatabase: () => createDatabase(postgres.url), redisUrl: redis.url },
    stop: () => Promise.all([postgres.stop(), redis.close()]),
  }
}

/** Bytes of one benchmark update as Yjs encodes it, as the generator writes it. */
function updateBytes(): number {
  const doc = new Y.Doc()
  let bytes = 0
  doc.on('update', (update: Uint8Array) => (bytes = update.byteLength))
  doc.getMap('bench').set('123.45', `${performance.now() + 1e9}:${'x'.repeat(64)}`)
  return bytes
}

const cpu = cpus()
console.log(
  `node ${process.version}, ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores; ` +
    `${rounds} round(s), ${options.generators} generator processes, update ${updateBytes()} bytes`,
)

const results = new Map<string, RunFigures[]>()
let failed = false
for (let round = 0; round < rounds; round++) {
  for (const load of loads) {
    // Rotate the order each round, so that no relay always runs first or last.
    const order = kinds.map((_, i) => kinds[(i + round) % kinds.length])
    for (const kind of order as ServerKind[]) {
      const key = `${load.name} ${kind}`
      const started = performance.now()
      const figures = await runOnce(kind, load, options)
      const took = ((performance.now() - started) / 1000).toFixed(1)
      console.log(
        `round ${round + 1} load ${load.name} ${kind}: ` +
          (figures.converged
            ? `converged in ${figures.convergeMs.toFixed(0)} ms`
            : `NOT converged, ${figures.missing} deliveries missing`) +
          ` (run ${took} s, load average ${loadavg()[0]?.toFixed(1)})`,
      )
      if (!figures.converged) failed = true
      results.set(key, [...(results.get(key) ?? []), figures])
    }
  }
}

const fixed = (digits: number) => (value: number) => value.toFixed(digits)
const COLUMNS: Array<[string, keyof RunFigures, (value: number) => string]> = [
  ['converge ms', 'convergeMs', fixed(0)],
  ['last send ms', 'lastSendMs', fixed(0)],
  ['deliveries/s', 'deliveriesPerSecond', fixed(0)],
  ['p50 ms', 'p50', fixed(1)],
  ['p95 ms', 'p95', fixed(1)],
  ['p99 ms', 'p99', fixed(1)],
  ['max ms', 'max', fixed(0)],
  ['frames/update', 'framesPerUpdate', fixed(2)],
  ['server CPU ms', 'serverCpuMs', fixed(0)],
  ['deliveries/CPU s', 'deliveriesPerCpuSecond', fixed(0)],
  ['peak RSS MB', 'serverPeakRssMb', fixed(0)],
  ['heap after MB', 'serverHeapAfterMb', fixed(1)],
  ['appends', 'appends', fixed(0)],
  ['append ms', 'appendMeanMs', fixed(2)],
  ['generator CPU', 'generatorCpuShare', (value) => `${(value * 100).toFixed(0)}%`],
]

for (const load of loads) {
  console.log(
    `\nload ${load.name}: ${load.groups} group(s) x ${load.clientsPerGroup} clients x ` +
      `${load.updatesPerClient} updates, one per client every ${load.intervalMs} ms` +
      `${load.presence ? ', presence on' : ''}; medians of ${rounds}`,
  )
  const table: Record<string, Record<string, string>> = {}
  for (const kind of kinds) {
    const runs = results.get(`${load.name} ${kind}`) ?? []
    table[kind] = Object.fromEntries(
      COLUMNS.map(([label, field, format]) => [
        label,
        format(median(runs.map((run) => run[field] as number))),
      ]),
    )
  }
  console.table(table)
}

await backends?.stop()

if (failed) {
  console.error('a relay did not converge')
  process.exit(1)
}
