import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { createRedisFanout } from '../../server/fanout/redis-fanout'
import type { CompactionPolicy } from '../../server/store/compactor'
import type { DocStore } from '../../server/store/doc-store'
import { createSyncServer, type SyncServer } from '../../server/sync-server'
import { usePostgres, type PostgresTestServer } from './postgres-server'
import { useRedis, type RedisTestServer } from './redis-server'

/** One in-process server node of a test cluster. */
export interface ClusterNode {
  server: SyncServer
  url: string
  /** Every log line it wrote, parsed. */
  records: { msg: string; event: string; [field: string]: unknown }[]
  /** Closes the server, then its fan-out. Safe to call twice. */
  close(): Promise<void>
}

/** Options of {@link startNode}. */
export interface NodeOptions {
  /** The store every node shares (the caller closes it). */
  store: DocStore
  redisUrl: string
  /** Each node keeps its PDFs under here, in a directory of its own. */
  dataDir: string
  compaction?: Partial<CompactionPolicy>
  idleUnloadMs?: number
}

let nodes = 0

/**
 * Starts a sync server node on 127.0.0.1 and a free port, sharing `store` with the other nodes
 * and fanning out through the Redis at `redisUrl`, as `server/index.ts` wires one with
 * `MARGINS_FANOUT=redis`. Closed when the current test finishes.
 */
export async function startNode(options: NodeOptions): Promise<ClusterNode> {
  const dataDir = join(options.dataDir, `node-${++nodes}`)
  await mkdir(dataDir, { recursive: true })
  const fanout = createRedisFanout({ url: options.redisUrl })
  const records: ClusterNode['records'] = []
  const server = await createSyncServer({
    dataDir,
    store: options.store,
    fanout,
    host: '127.0.0.1',
    port: 0,
    idleUnloadMs: options.idleUnloadMs ?? 0,
    compaction: options.compaction,
    log: (line) => records.push(JSON.parse(line) as ClusterNode['records'][number]),
  })
  let closing: Promise<void> | undefined
  const close = () => (closing ??= server.close().then(() => fanout.close()))
  onTestFinished(close)
  return { server, url: server.url, records, close }
}

/**
 * The Redis and the PostgreSQL that the nodes of the current test file share, started before
 * its tests and stopped after them (see `useRedis`, `usePostgres`). Call at file level.
 */
export function useClusterBackends(): {
  redis: () => RedisTestServer
  postgres: () => PostgresTestServer
} {
  return { redis: useRedis(), postgres: usePostgres() }
}
