import { createServer } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { DEFAULT_ARXIV_URL, createArxivClient, type ArxivClientOptions } from './arxiv/arxiv-client'
import { createArxivRoute, type ArxivClientLimits } from './arxiv/arxiv-route'
import { DEFAULT_ARXIV_PDF_URL, createArxivPdfFetcher } from './blobs/arxiv-pdf'
import { DEFAULT_MAX_PDF_BYTES, createBlobRoute } from './blobs/blob-route'
import type { DownloadLimits } from './blobs/download-budget'
import { ConnectionGate } from './connection-gate'
import type { Fanout } from './fanout/fanout'
import { withHealthChecks } from './health'
import { createHttpHandler } from './http-handler'
import { DEFAULT_LIMITS, EDGE_CLOSE_CODES, type ServerLimits } from './limits'
import { createLogger } from './logger'
import { ServerMetrics } from './metrics'
import { withStoreMetrics } from './metrics-store'
import { encodeKeepAlive } from './protocol'
import type { CompactionPolicy } from './store/compactor'
import { RoomRegistry } from './room-registry'
import type { SocketMember } from './socket-member'
import { createFileBlobStore } from './store/blob-file-store'
import type { BlobStore } from './store/blob-store'
import type { DocStore } from './store/doc-store'
import { createSqliteStore } from './store/sqlite-store'
import { acceptConnection } from './sync-connection'
import { authorizeUpgrade, refuseUpgrade } from './upgrade-auth'

/** Options of {@link createSyncServer}. */
export interface SyncServerOptions {
  /** TCP port; 0 picks a free one (tests). Default 8080. */
  port?: number
  /** Interface to listen on. Default `0.0.0.0`; tests pass `127.0.0.1`. */
  host?: string
  /** Where the SQLite store lives (`margins.sqlite`). Must exist. */
  dataDir: string
  /** A store to use instead of the SQLite one in `dataDir`; the caller keeps ownership. */
  store?: DocStore
  /** The built client to serve; without it only `/healthz`, `/metrics`, `/api/` and `/sync/`. */
  staticDir?: string
  /**
   * Receives the structured log: one JSON object per line (`time`, `level`, `event`, `msg`,
   * fields). Never a token. Default: stdout.
   */
  log?: (line: string) => void
  /** How long an empty room stays loaded. Default 5 s. */
  idleUnloadMs?: number
  /** Interval of WebSocket pings and keep-alive messages. Default 15 s. */
  pingIntervalMs?: number
  /** Limits to change from {@link DEFAULT_LIMITS}. */
  limits?: Partial<ServerLimits>
  /** When rooms compact their stored updates. Default: 2 s quiet, 30 s at most, 500 rows. */
  compaction?: Partial<CompactionPolicy>
  /** Origin of the arXiv API that `/api/arxiv` asks. Default `https://export.arxiv.org`. */
  arxivUrl?: string
  /**
   * How `/api/arxiv` uses arXiv: request spacing (default 3 s), timeout (10 s), cache, queue,
   * and what one client address may ask for. Tests shorten the spacing.
   */
  arxiv?: Omit<ArxivClientOptions, 'baseUrl'> & { clientLimits?: Partial<ArxivClientLimits> }
  /** A blob store for the groups' PDFs instead of the one in `blobDir`; the caller keeps it. */
  blobStore?: BlobStore
  /** Where the groups' PDFs live (files and `blobs.sqlite`). Default `<dataDir>/blobs`. */
  blobDir?: string
  /** Largest PDF a member may attach or the server fetches from arXiv. Default 50 MiB. */
  maxPdfBytes?: number
  /** Origin that serves arXiv's PDFs at `/pdf/<id>`. Default `https://arxiv.org`. */
  arxivPdfUrl?: string
  /**
   * How arXiv PDFs are fetched: timeout per download (60 s), most waiting (20), downloads one
   * client address may start (20 at once, then 10 a minute).
   */
  arxivPdf?: { timeoutMs?: number; maxQueued?: number; clientLimits?: Partial<DownloadLimits> }
  /**
   * Fan-out to the other nodes of a multi-node deployment on one shared store (see
   * docs/deploy.md); the caller keeps ownership. Without it this node is the only writer.
   */
  fanout?: Fanout
  /**
   * Make `/healthz` read the store and ping the fan-out, answering 503 when either does not
   * answer (for a load balancer). Default: on when `fanout` is set.
   */
  healthChecks?: boolean
}

/** A running sync server. */
export interface SyncServer {
  /** `http://host:port`; the WebSocket endpoint is this origin with `ws:` and `/sync`. */
  url: string
  port: number
  /**
   * Stops accepting, closes every socket with 1012, stores every room, stops listening and
   * closes an owned store.
   */
  close(): Promise<void>
}

function originOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
}

/**
 * Starts the relay: the app, `/healthz`, `/metrics`, `/api/arxiv` and the groups' PDFs
 * (`/api/groups/<groupId>/…`) over HTTP, and Yjs sync
 * over WebSocket at `/sync/<groupId>?token=<key>` for the stock y-websocket client. Holds no
 * global state, so a test can run several servers in one process.
 */
export async function createSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const started = performance.now()
  const logger = createLogger(options.log)
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const host = options.host ?? '0.0.0.0'
  const metrics = new ServerMetrics()
  const ownedStore = options.store ? undefined : createSqliteStore({ dataDir: options.dataDir })
  const store = withStoreMetrics(options.store ?? (ownedStore as DocStore), metrics)
  const rooms = new RoomRegistry({
    store,
    log: logger.roomLine,
    idleUnloadMs: options.idleUnloadMs ?? 5_000,
    compaction: options.compaction,
    fanout: options.fanout,
  })
  const gate = new ConnectionGate(limits)
  const members = new Map<WebSocket, SocketMember>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })
  const gauges = () => ({
    uptimeSeconds: Math.round((performance.now() - started) / 1000),
    roomsLoaded: rooms.size,
    connections: members.size,
    pendingConnections: gate.pending,
  })
  const { clientLimits, ...arxivOptions } = options.arxiv ?? {}
  const arxiv = createArxivClient({
    ...arxivOptions,
    baseUrl: options.arxivUrl ?? DEFAULT_ARXIV_URL,
  })
  const maxPdfBytes = options.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES
  const ownedBlobs = options.blobStore
    ? undefined
    : createFileBlobStore({ dir: options.blobDir ?? join(options.dataDir, 'blobs') })
  const blobs = options.blobStore ?? (ownedBlobs as BlobStore)
  const arxivPdf = createArxivPdfFetcher({
    ...options.arxivPdf,
    baseUrl: (options.arxivPdfUrl ?? DEFAULT_ARXIV_PDF_URL).replace(/\/+$/, ''),
    store: blobs,
    maxBytes: maxPdfBytes,
  })
  const handler = createHttpHandler({
    staticDir: options.staticDir,
    logger,
    health: gauges,
    metrics: () => metrics.render(gauges()),
    arxiv: createArxivRoute({ client: arxiv, logger, limits: clientLimits }),
    groups: createBlobRoute({ store: blobs, arxiv: arxivPdf, logger, maxPdfBytes }),
  })
  const http = createServer(
    (options.healthChecks ?? options.fanout !== undefined)
      ? withHealthChecks(
          // The store itself: health probes are not store traffic for the metrics.
          { gauges, store: options.store ?? (ownedStore as DocStore), fanout: options.fanout },
          handler,
        )
      : handler,
  )
  let closing: Promise<void> | undefined

  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    const ip = req.socket.remoteAddress ?? 'unknown'
    const refuse = (status: number, reason: string, headers?: Record<string, string>) => {
      metrics.refused(reason)
      // The URL holds the token: log neither it nor the URL.
      logger.warn('sync.refused', `sync refused: ${status} ${reason}`, { status, reason, ip })
      refuseUpgrade(socket, status, headers)
    }
    if (closing) return refuse(503, 'shutting-down', { 'Retry-After': '5' })
    const decision = authorizeUpgrade(req.url)
    if (!decision.ok) return refuse(decision.status, decision.reason)
    const limited = gate.check(ip)
    if (limited) {
      return refuse(
        limited.status,
        limited.reason,
        limited.status === 503 ? { 'Retry-After': '1' } : {},
      )
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const context = { rooms, gate, limits, metrics, logger, members }
      acceptConnection(context, { ws, ip, groupId: decision.groupId, access: decision.access })
    })
  })

  const keepAlive = encodeKeepAlive()
  const pinger = setInterval(() => {
    for (const member of members.values()) member.checkAlive(keepAlive)
  }, options.pingIntervalMs ?? 15_000)

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 8080, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port
  const url = originOf(host, port)
  logger.info('server.listening', `listening on ${url}`, { url, ...limits, maxPdfBytes })

  async function shutDown(): Promise<void> {
    logger.info('server.stopping', 'stopping: closing sockets and storing open groups', {
      connections: members.size,
      roomsLoaded: rooms.size,
    })
    clearInterval(pinger)
    // Lookups still waiting for their turn at arXiv are answered 503 before connections close.
    const arxivDrained = Promise.all([arxiv.close(), arxivPdf.close()])
    const stopped = new Promise<void>((resolve) => http.close(() => resolve()))
    // 1012 "service restart" before the rooms' own close, so clients know to come back later.
    for (const member of members.values()) {
      member.close(EDGE_CLOSE_CODES.serviceRestart, 'server restart')
    }
    await rooms.closeAll()
    await waitForSockets(members, 1_000)
    wss.close()
    await arxivDrained
    http.closeAllConnections()
    await stopped
    await ownedStore?.close()
    await ownedBlobs?.close()
    logger.info('server.stopped', 'every open group stored; stopped')
  }

  return { url, port, close: () => (closing ??= shutDown()) }
}

/** Gives closing sockets a moment to finish the close handshake, then cuts the rest. */
async function waitForSockets(members: Map<WebSocket, SocketMember>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (members.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  for (const ws of members.keys()) ws.terminate()
}
