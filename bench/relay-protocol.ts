/**
 * What the relay benchmark's processes say to each other over IPC, and the loads it runs.
 * The orchestrator (`relay.ts`) forks one server child (`relay-server.ts`) per run and the
 * load generators (`relay-generator.ts`) beside it.
 */

/** The three relays compared. */
export const SERVER_KINDS = ['margins', 'y-websocket-server', 'hocuspocus'] as const
/**
 * Margins scaled out (`--multi-node`): one node on PostgreSQL, and two nodes on that PostgreSQL
 * with Redis fan-out, each node a process of its own, every group's clients spread over both.
 */
export const CLUSTER_KINDS = ['margins-pg-1-node', 'margins-pg-2-nodes'] as const
export type ServerKind = (typeof SERVER_KINDS)[number] | (typeof CLUSTER_KINDS)[number]

/** How many server processes a run of `kind` starts. */
export function nodesOf(kind: ServerKind): number {
  return kind === 'margins-pg-2-nodes' ? 2 : 1
}

/** Where the nodes of a cluster kind keep and fan out their groups. */
export interface ClusterBackends {
  databaseUrl: string
  /** Fan-out through this Redis; none for a single node. */
  redisUrl?: string
}

/** One load: how many groups, clients and updates, and how fast clients write. */
export interface Load {
  name: string
  groups: number
  clientsPerGroup: number
  updatesPerClient: number
  /** Each client writes one update every `intervalMs`; clients are spread over the interval. */
  intervalMs: number
  /** Whether every client shows presence (awareness), changed every `intervalMs` too. */
  presence: boolean
}

/** A group as the server child created it: its room name and (Margins only) the write key. */
export interface GroupAccess {
  name: string
  token?: string
}

/** One client a generator runs. */
export interface ClientSpec {
  group: GroupAccess
  /** Unique over the whole run: it names the client's updates. */
  clientNo: number
  /** Position of the client in its group, to spread sends over the interval. */
  slot: number
}

/** Orchestrator to server child. */
export type ToServer =
  | {
      type: 'start'
      groups: number
      dataDir: string
      /** Cluster kinds: the shared backends, and the groups if another node created them. */
      cluster?: ClusterBackends & { existing?: GroupAccess[] }
    }
  | { type: 'stats'; gc: boolean }
  | { type: 'stop' }

/** What a server child reports of itself. */
export interface ServerStats {
  /** User + system CPU since the process started, in ms. */
  cpuMs: number
  /** Peak resident set size over the process's life, in KiB (getrusage). */
  maxRssKb: number
  heapUsed: number
  rss: number
  /** Margins only: store appends so far, and the ms they took (commit and fsync included). */
  appends: number
  appendMs: number
}

/** Server child to orchestrator. */
export type FromServer =
  | { type: 'listening'; port: number; groups: GroupAccess[] }
  | ({ type: 'stats' } & ServerStats)
  | { type: 'stopped' }

/** Orchestrator to generator. */
export type ToGenerator =
  | {
      type: 'connect'
      kind: ServerKind
      /** The nodes' ports; a client connects to `ports[clientNo % ports.length]`. */
      ports: number[]
      load: Load
      clients: ClientSpec[]
    }
  | { type: 'go'; startAt: number; deadlineMs: number }
  | { type: 'leave' }

/** What one generator measured over the load phase. */
export interface GeneratorResult {
  converged: boolean
  /** Updates still missing at the deadline, over all its clients. */
  missing: number
  updatesSent: number
  /** Send-to-receive latency of every delivery to its clients, in ms. */
  latencies: number[]
  /** Monotonic time (ms) of the last delivery its clients needed. */
  lastAt: number
  /** Monotonic time (ms) of its last write: later than scheduled when the generator lags. */
  lastSentAt: number
  /** WebSocket frames its clients received during the load phase. */
  frames: number
  /** Its own CPU (user + system) during the load phase, in ms. */
  cpuMs: number
}

/** Generator to orchestrator. */
export type FromGenerator =
  | { type: 'ready' }
  | ({ type: 'done' } & GeneratorResult)
  | { type: 'left' }
  | { type: 'failed'; message: string }

/** Milliseconds on the machine's monotonic clock, the same in every process (CLOCK_MONOTONIC). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}
