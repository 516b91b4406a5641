/**
 * Child process of the relay benchmark: runs one relay on 127.0.0.1 and a free port, and
 * reports its CPU, peak RSS and heap over IPC. Forked by `relay.ts` with `--expose-gc`, as
 * `relay-server.ts <kind>`; every relay runs in a child of its own, started the same way.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { DocStore } from '../server/store/doc-store'
import type {
  ClusterBackends,
  FromServer,
  GroupAccess,
  ServerKind,
  ToServer,
} from './relay-protocol'

interface Running {
  port: number
  groups: GroupAccess[]
  close(): Promise<void>
}

/**
 * Margins, as deployed: auth on, SQLite (WAL, synchronous=FULL) in `dataDir`; or, for the
 * cluster kinds, PostgreSQL and (with `redisUrl`) Redis fan-out, creating the groups unless
 * another node did.
 */
async function startMargins(
  groups: number,
  dataDir: string,
  cluster?: ClusterBackends & { existing?: GroupAccess[] },
): Promise<Running> {
  const { createSyncServer } = await import('../server/sync-server')
  const { createSqliteStore } = await import('../server/store/sqlite-store')
  const { createPostgresStore } = await import('../server/store/postgres-store')
  const { createRedisFanout } = await import('../server/fanout/redis-fanout')
  const { storeNewGroup } = await import('../server/new-group')
  const store = timedStore(
    cluster ? createPostgresStore({ url: cluster.databaseUrl }) : createSqliteStore({ dataDir }),
  )
  const fanout = cluster?.redisUrl ? createRedisFanout({ url: cluster.redisUrl }) : undefined
  const access: GroupAccess[] = cluster?.existing ?? []
  for (let i = access.length; i < groups; i++) {
    const keys = await storeNewGroup(store, { name: `Bench group ${i + 1}` })
    access.push({ name: keys.groupId, token: keys.writeKey })
  }
  const server = await createSyncServer({
    fanout,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    store,
    log: (line) => {
      if (process.env.RELAY_LOG && line.includes('"warn"')) console.error(line)
    },
    // Empty rooms unload after 1 s instead of 5 s, so that the heap after the clients leave
    // is measured without a long wait; every client of a load comes from one address.
    idleUnloadMs: 1_000,
    limits: { maxConnectionsPerIp: 1_000 },
  })
  return {
    port: server.port,
    groups: access,
    close: async () => {
      await server.close()
      await Promise.all([store.close(), fanout?.close()])
    },
  }
}

/** Appends Margins made and the time they took (commit and fsync included). */
const appends = { count: 0, ms: 0 }

function timedStore(store: DocStore): DocStore {
  return {
    ...store,
    append: async (groupId, update) => {
      const started = performance.now()
      try {
        return await store.append(groupId, update)
      } finally {
        appends.count++
        appends.ms += performance.now() - started
      }
    },
  }
}

/** The reference y-websocket server, in memory, exactly as its `bin` wires it. */
async function startYWebsocketServer(groups: number): Promise<Running> {
  const { setupWSConnection } = await import('@y/websocket-server/utils')
  const wss = new WebSocketServer({ noServer: true })
  const http = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' })
    response.end('okay')
  })
  wss.on('connection', setupWSConnection)
  http.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    port: (http.address() as AddressInfo).port,
    groups: Array.from({ length: groups }, (_, i) => ({ name: `group-${i + 1}` })),
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      await new Promise((resolve) => http.close(resolve))
    },
  }
}

/** Hocuspocus with its defaults: in memory, no extensions. */
async function startHocuspocus(groups: number): Promise<Running> {
  const { Server } = await import('@hocuspocus/server')
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
  await server.listen()
  return {
    port: server.address.port,
    groups: Array.from({ length: groups }, (_, i) => ({ name: `group-${i + 1}` })),
    close: () => server.destroy(),
  }
}

function stats(gc: boolean): FromServer {
  if (gc) {
    const collect = (globalThis as { gc?: () => void }).gc
    if (!collect) throw new Error('run with --expose-gc')
    collect()
    collect()
  }
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  return {
    type: 'stats',
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    heapUsed: memory.heapUsed,
    rss: memory.rss,
    appends: appends.count,
    appendMs: appends.ms,
  }
}

const kind = process.argv[2] as ServerKind
let running: Running | undefined
const send = (message: FromServer) => process.send?.(message)

process.on('message', (message: ToServer) => {
  void (async () => {
    if (message.type === 'start') {
      running = kind.startsWith('margins')
        ? await startMargins(message.groups, message.dataDir, message.cluster)
        : kind === 'hocuspocus'
          ? await startHocuspocus(message.groups)
          : await startYWebsocketServer(message.groups)
      send({ type: 'listening', port: running.port, groups: running.groups })
    } else if (message.type === 'stats') {
      send(stats(message.gc))
    } else {
      await running?.close()
      process.send?.({ type: 'stopped' } satisfies FromServer, () => process.exit(0))
    }
  })().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
})
