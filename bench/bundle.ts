/**
 * The JS and CSS a member's browser needs for the first screen, the library of a group, next to
 * what the whole app would cost if it were one eager bundle. A fresh production build is served
 * with the demo group by the real sync server; headless Chromium opens the invite link with
 * service workers blocked (so the worker's precaching of every chunk is not counted), and every
 * JS and CSS file the page asked for until the library showed is summed, gzipped at level 9
 * (about what a compressing server sends); what the server did send is shown next to it.
 *
 *   npm run bench:bundle             both viewports (360 and 1280 px wide)
 *   npm run bench:bundle -- --smoke  one viewport; fails only if the library never shows
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../test/helpers/browser'
import { startBuiltApp, machine, type BuiltApp } from './built-app'
import { flag } from './measure'

/** Issue 7's target for the first screen's gzipped JS and CSS, in kB (1,000 bytes, as Vite prints). */
const TARGET_KB = 100
/** How long the page may take to show the library before the run counts as broken. */
const RENDER_TIMEOUT_MS = 30_000
/** How long to watch for files loaded after the library showed (idle-time chunks). */
const AFTER_MS = 3_000

interface Sized {
  path: string
  raw: number
  gzip: number
}

interface Load {
  viewport: string
  firstScreen: string[]
  afterwards: string[]
  renderedMs: number
  /** When the page asked for each file, in ms from navigation start. */
  requestedAt: Map<string, number>
  /** The body bytes each file took on the wire (compressed, if the server compressed it). */
  sent: Map<string, number>
}

const smoke = flag('smoke')
const VIEWPORTS = smoke
  ? [{ width: 360, height: 740 }]
  : [
      { width: 360, height: 740 },
      { width: 1280, height: 800 },
    ]

const kb = (bytes: number) => (bytes / 1000).toFixed(1)
const isCode = (path: string) => /\.(js|css)$/.test(path)

async function sizeOf(appDir: string, path: string): Promise<Sized> {
  const bytes = await readFile(join(appDir, path))
  return { path, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength }
}

const total = (files: Sized[], key: 'raw' | 'gzip') => files.reduce((sum, f) => sum + f[key], 0)

/** The JS and CSS paths (origin-relative) that the page's resource timing lists. */
async function requestedCode(page: import('playwright-core').Page, origin: string) {
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
      (entry) => [entry.name, entry.startTime, entry.encodedBodySize] as const,
    ),
  )
  return entries
    .filter(([name]) => name.startsWith(origin))
    .map(([name, start, sent]) => ({ path: new URL(name).pathname, start, sent }))
    .filter((entry) => isCode(entry.path))
}

async function loadLibrary(
  browser: Browser,
  app: BuiltApp,
  viewport: { width: number; height: number },
): Promise<Load> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(app.invite)
    // The library shows its count and its first cards once the group's document has arrived.
    const rendered = await page.waitForFunction(
      () => {
        const count = document.querySelector('.result-count')?.textContent ?? ''
        return /\d+ papers/.test(count) && document.querySelector('.feed-card') !== null
          ? performance.now()
          : false
      },
      undefined,
      { timeout: RENDER_TIMEOUT_MS, polling: 'raf' },
    )
    const renderedMs = (await rendered.jsonValue()) as number
    await page.waitForTimeout(AFTER_MS)
    // By start time: a file asked for just after the library showed may be listed already.
    const all = await requestedCode(page, app.server.url)
    const firstScreen = all.filter((entry) => entry.start <= renderedMs).map((entry) => entry.path)
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`)
    return {
      viewport: `${viewport.width}x${viewport.height}`,
      firstScreen: [...new Set(firstScreen)],
      afterwards: [...new Set(all.map((entry) => entry.path))].filter(
        (path) => !firstScreen.includes(path),
      ),
      renderedMs,
      requestedAt: new Map(all.map((entry) => [entry.path, entry.start])),
      sent: new Map(all.map((entry) => [entry.path, entry.sent])),
    }
  } finally {
    await context.close()
  }
}

/** Every JS and CSS file of the build but the service worker's own (sw.js, workbox-*.js). */
async function allChunks(appDir: string): Promise<string[]> {
  const files = await readdir(join(appDir, 'assets'))
  return files.filter(isCode).map((file) => `/assets/${file}`)
}

async function main() {
  const started = performance.now()
  const app = await startBuiltApp()
  let browser: Browser | undefined
  try {
    console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s; ${machine()}`)
    browser = await launchBrowser()
    const loads: Load[] = []
    for (const viewport of VIEWPORTS) loads.push(await loadLibrary(browser, app, viewport))
    const [first] = loads
    if (!first || first.firstScreen.filter((path) => path.endsWith('.js')).length === 0) {
      throw new Error('the page loaded no JavaScript before the library showed')
    }

    const firstScreen = await Promise.all(first.firstScreen.map((path) => sizeOf(app.appDir, path)))
    console.log(`\nFirst screen: the library of the demo group (${first.viewport}), gzip level 9`)
    console.table(
      Object.fromEntries(
        firstScreen
          .sort((a, b) => b.gzip - a.gzip)
          .map((file) => [
            file.path,
            {
              'raw kB': kb(file.raw),
              'gzip kB': kb(file.gzip),
              'sent kB': kb(first.sent.get(file.path) ?? 0),
              'asked at': `${first.requestedAt.get(file.path)?.toFixed(0)} ms`,
            },
          ]),
      ),
    )

    const chunks = await Promise.all(
      (await allChunks(app.appDir)).map((p) => sizeOf(app.appDir, p)),
    )
    const rows: Record<string, Record<string, string>> = {}
    for (const load of loads) {
      const files = await Promise.all(load.firstScreen.map((path) => sizeOf(app.appDir, path)))
      const after = await Promise.all(load.afterwards.map((path) => sizeOf(app.appDir, path)))
      const gzip = total(files, 'gzip')
      const sent = load.firstScreen.reduce((sum, path) => sum + (load.sent.get(path) ?? 0), 0)
      rows[`first screen, ${load.viewport}`] = {
        files: String(files.length),
        'raw kB': kb(total(files, 'raw')),
        'gzip kB': kb(gzip),
        'sent kB': kb(sent),
        [`vs ${TARGET_KB} kB`]:
          gzip <= TARGET_KB * 1000
            ? `met, ${kb(TARGET_KB * 1000 - gzip)} under`
            : `missed by ${kb(gzip - TARGET_KB * 1000)}`,
        'library shown at': `${load.renderedMs.toFixed(0)} ms`,
      }
      rows[`  then within ${AFTER_MS / 1000} s (idle), ${load.viewport}`] = {
        files: String(after.length),
        'raw kB': kb(total(after, 'raw')),
        'gzip kB': kb(total(after, 'gzip')),
      }
    }
    rows['baseline: every chunk, eager'] = {
      files: String(chunks.length),
      'raw kB': kb(total(chunks, 'raw')),
      'gzip kB': kb(total(chunks, 'gzip')),
    }
    console.log(`\nFirst screen vs the whole app (JS+CSS, kB = 1,000 bytes); ${machine()}`)
    console.table(rows)
  } finally {
    await browser?.close()
    await app.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
