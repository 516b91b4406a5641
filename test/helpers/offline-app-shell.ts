import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import type { BrowserContext } from 'playwright-core'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
}

/**
 * Serves the built app's files to an offline context straight from `appDir`, as the service
 * worker of the PWA will, so that a reload can load the page while the network is down. It
 * stands in for that service worker until it exists; what is under test behind it is that the
 * group's data comes back from IndexedDB. Requests for anything but the app's files fail as
 * offline ones do, and WebSockets are not routed at all, so sync stays unreachable.
 */
export async function serveAppShellOffline(
  context: BrowserContext,
  origin: string,
  appDir: string,
): Promise<void> {
  await context.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url())
    const file = pathname === '/' || extname(pathname) === '' ? '/index.html' : pathname
    const path = normalize(join(appDir, file))
    if (!path.startsWith(appDir)) return route.abort('accessdenied')
    try {
      const body = await readFile(path)
      await route.fulfill({
        body,
        contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      })
    } catch {
      await route.abort('internetdisconnected')
    }
  })
}
