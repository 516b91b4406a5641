import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { JsonAnswer } from './arxiv/arxiv-route'
import { GROUPS_API_PREFIX } from './blobs/blob-route'
import type { Logger } from './logger'
import { setSecurityHeaders } from './security-headers'
import { createStaticApp } from './static-app'
import { sendJson } from './send-json'

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  /** The built client; without it only the API, the health check and the metrics answer. */
  staticDir?: string
  logger: Logger
  /** The figures `/healthz` reports next to `ok: true`. */
  health: () => Record<string, number>
  /** The Prometheus text `/metrics` answers with. */
  metrics: () => string
  /** `GET /api/arxiv` (server/arxiv/arxiv-route.ts); without it, that path is 404 too. */
  arxiv?: (req: IncomingMessage) => Promise<JsonAnswer>
  /**
   * Every path under `/api/groups/` (the PDF endpoints, server/blobs/blob-route.ts); without
   * it, those paths are 404 too. It answers by itself, errors included.
   */
  groups?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
}

/** The request's URL, or undefined when the request target does not parse (e.g. `//[`). */
function urlOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost')
  } catch {
    return undefined
  }
}

/**
 * Every plain HTTP request: `/healthz`, `/metrics`, `/api/arxiv`, the PDFs under
 * `/api/groups/`, and the app.
 * WebSocket upgrades never get here; the sync server takes them on the `upgrade` event.
 */
export function createHttpHandler(options: HttpHandlerOptions): RequestListener {
  const app = options.staticDir === undefined ? undefined : createStaticApp(options.staticDir)
  if (options.staticDir !== undefined && !app) {
    options.logger.warn(
      'http.no-app',
      `no index.html in ${options.staticDir}: serving the API only (build the client)`,
    )
  }
  return (req, res) => {
    setSecurityHeaders(res)
    const url = urlOf(req)
    const path = url?.pathname
    const notFound = () => sendJson(res, 404, { error: 'not-found' })
    if (url === undefined || path === undefined) return sendJson(res, 400, { error: 'bad-request' })
    if (path === '/healthz') return sendJson(res, 200, { ok: true, ...options.health() })
    if (path === '/metrics') {
      const text = options.metrics()
      res.writeHead(200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
      })
      return res.end(req.method === 'HEAD' ? undefined : text)
    }
    if (path === '/api/arxiv' && options.arxiv) {
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET')
        return sendJson(res, 405, { error: 'method-not-allowed' })
      }
      const answered = options.arxiv(req).then(
        (answer) => sendJson(res, answer.status, answer.body, answer.headers),
        (error: unknown) => {
          options.logger.error('http.failed', `/api/arxiv failed: ${String(error)}`)
          if (!res.headersSent) sendJson(res, 500, { error: 'internal-error' })
        },
      )
      return void answered
    }
    if (path.startsWith(GROUPS_API_PREFIX) && options.groups) {
      return void options.groups(req, res, url)
    }
    if (path === '/api' || path.startsWith('/api/')) return notFound()
    if (path === '/sync' || path.startsWith('/sync/')) {
      return sendJson(res, 426, { error: 'upgrade-required' })
    }
    if (!app) return notFound()
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return sendJson(res, 405, { error: 'method-not-allowed' })
    }
    app(req, res, notFound)
  }
}
