import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import sirv from 'sirv'

/** Serves one request from the app build, or calls `notFound`. */
export type StaticHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  notFound: () => void,
) => void

/** Vite writes content-hashed file names under `assets/`; nothing else in the build is hashed. */
const HASHED_PREFIX = '/assets/'
const IMMUTABLE = 'public, max-age=31536000, immutable'
/**
 * Revalidate every time (cheap with the ETag), so a new deploy is picked up on the next load.
 * This covers the service worker files at the root, which are not hashed (`sw.js`,
 * `workbox-*.js`, `manifest.webmanifest`): a browser checks `sw.js` for a new version and must
 * never be handed a stale copy by a cache on the way.
 */
const REVALIDATE = 'no-cache'
/** The web app manifest's registered type, whatever sirv's table says for the extension. */
const MANIFEST_TYPE = 'application/manifest+json'

/**
 * The built client (`dist/`) with an SPA fallback: a path without a file extension that matches
 * no file gets `index.html`, so deep links load the app. Returns undefined when the directory
 * holds no `index.html` (client not built), and the caller answers 404.
 */
export function createStaticApp(staticDir: string): StaticHandler | undefined {
  if (!existsSync(join(staticDir, 'index.html'))) return undefined
  const serve = sirv(staticDir, {
    etag: true,
    dotfiles: false,
    // The build writes a Brotli and a gzip copy of each text file (vite.config.ts, precompress).
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      res.setHeader('Cache-Control', pathname.startsWith(HASHED_PREFIX) ? IMMUTABLE : REVALIDATE)
      if (pathname.endsWith('.webmanifest')) res.setHeader('Content-Type', MANIFEST_TYPE)
    },
  })
  return (req, res, notFound) => {
    serve(req, res, () => {
      // The caller has already parsed this URL, so this cannot throw.
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
      const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
      if (lastSegment.includes('.') || pathname.startsWith(HASHED_PREFIX)) return notFound()
      req.url = '/index.html'
      serve(req, res, notFound)
    })
  }
}
