/**
 * The built app, a Margins server holding one generated group, and Chromium profiles that open
 * it: what the cold-start and first-sync benchmarks share.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { createGroupKeys, type GroupKeys } from '../shared/invite'
import { createSyncServer, type SyncServer } from '../server/sync-server'
import { createSqliteStore } from '../server/store/sqlite-store'
import { buildApp } from '../test/e2e/build-app.global-setup'
import { createStaticApp } from '../server/static-app'
import type { DocStore } from '../server/store/doc-store'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser'

/** A temporary directory, removed by `cleanUp`. */
const made: string[] = []
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Removes every directory made by `tempDir`. */
export async function cleanUp(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

/**
 * Runs a browser benchmark's `main`: a failure is printed and sets the exit code, the temporary
 * directories go, and the process exits, since a failed run may leave a server or a browser
 * behind that must not keep it alive.
 */
export function runBrowserBench(main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
    .finally(async () => {
      await cleanUp()
      process.exit()
    })
}

/** The value of `--name value`, a string option. */
export function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : undefined
}

/** The built app: `--app DIR` if given (a `vite build --outDir DIR`), else a fresh build. */
export async function builtApp(): Promise<string> {
  const given = option('app')
  if (given) {
    if (!existsSync(join(given, 'index.html'))) throw new Error(`${given} holds no built app`)
    return given
  }
  const dir = await tempDir('margins-bench-app-')
  await buildApp(dir)
  return dir
}

/** A Margins server with durable SQLite storage, serving the app, with one group stored. */
export interface GroupServer {
  server: SyncServer
  store: DocStore
  keys: GroupKeys
  dataDir: string
  close(): Promise<void>
}

/** Starts the server on `port` (0: any) with `state` stored as the group's one row. */
export async function serveGroup(
  appDir: string,
  state: Uint8Array,
  port = 0,
  dataDir?: string,
): Promise<GroupServer> {
  const dir = dataDir ?? (await tempDir('margins-bench-data-'))
  const store = createSqliteStore({ dataDir: dir })
  const keys = createGroupKeys()
  // As a member's first sync would have stored it; written before any room of it is loaded.
  await store.append(keys.groupId, state)
  const server = await createSyncServer({
    port,
    host: '127.0.0.1',
    dataDir: dir,
    store,
    staticDir: appDir,
    log: () => undefined,
  })
  return {
    server,
    store,
    keys,
    dataDir: dir,
    close: async () => {
      await server.close()
      await store.close()
    },
  }
}

/**
 * The app's files alone on `port`, as the Margins server serves them, and no sync: a WebSocket
 * upgrade finds no listener and is refused, so a page can only show what its device kept.
 */
export async function serveAppOnly(appDir: string, port: number): Promise<Server> {
  const handle = createStaticApp(appDir)
  if (!handle) throw new Error(`${appDir} holds no built app`)
  const server = createServer((req, res) =>
    handle(req, res, () => {
      res.statusCode = 404
      res.end()
    }),
  )
  server.on('upgrade', (_req, socket) => socket.destroy())
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

/**
 * Runs in every document of a profile before the app: notes, in the page's own clock (ms from
 * navigation start), when the first paper card appears and when each library count text is
 * first shown. A string, because tsx would wrap a function's inner functions in a helper that
 * the page does not have.
 */
const RENDER_PROBE = `(() => {
  const seen = { card: -1, painted: -1, live: -1, counts: {} }
  window.__marginsBench = seen
  // The frame after the group's stored copy is applied: the library read from the document.
  const mark = performance.mark.bind(performance)
  performance.mark = (name, options) => {
    const entry = mark(name, options)
    if (name === 'margins:stored-copy-applied' && String(options?.detail).startsWith('margins-group-'))
      requestAnimationFrame(() => (seen.live = performance.now()))
    return entry
  }
  const check = () => {
    if (seen.card < 0 && document.querySelector('article.feed-card')) {
      seen.card = performance.now()
      // Runs once the task that rendered it (and every microtask after it) is over, just
      // before the browser paints the frame.
      requestAnimationFrame(() => (seen.painted = performance.now()))
    }
    const text = document.querySelector('.result-count')?.textContent
    if (text && seen.counts[text] === undefined) seen.counts[text] = performance.now()
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true })
})()`

/** Headless Chromium with a profile kept in `profileDir`, and the render probe installed. */
export async function openProfile(profileDir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  })
  await context.addInitScript(RENDER_PROBE)
  return context
}

/** What the render probe saw, in ms from navigation start. */
export interface Rendered {
  /** First paper card in the DOM. */
  card: number
  /** The frame with the first paper card about to be painted. */
  painted: number
  /** The frame after the stored copy was applied (-1 without one): the library live. */
  live: number
  /** The count of all the group's papers shown. */
  counted: number
  /** The app's HTML parsed and its module scripts run (DOMContentLoaded ended). */
  scripts: number
  /** The group's stored copy read from IndexedDB, and applied (client/data/stored-copy.ts). */
  read: number
  applied: number
}

/**
 * Waits until the page's library counts `papers` papers, and with `stored`, until the device's
 * stored copy of the group has been applied and painted too (at most `timeout` ms).
 */
export async function libraryRendered(page: Page, papers: number, timeout: number, stored = false) {
  const handle = await page.waitForFunction(
    ({ expected, live }) => {
      const seen = (
        window as unknown as {
          __marginsBench?: { card: number; painted: number; live: number; counts: object }
        }
      ).__marginsBench
      if (!seen || seen.painted < 0 || (live && seen.live < 0)) return undefined
      const counted = Object.entries(seen.counts).find(
        ([text]) => text.replace(/\D/g, '') === String(expected),
      )
      if (!counted) return undefined
      // No named inner functions here: tsx would wrap them in a helper the page does not have.
      const [read, applied] = ['margins:stored-copy-read', 'margins:stored-copy-applied'].map(
        (name) =>
          performance
            .getEntriesByName(name)
            .find((entry) => String((entry as PerformanceMark).detail).startsWith('margins-group-'))
            ?.startTime ?? -1,
      )
      const navigation = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined
      return {
        card: seen.card,
        painted: seen.painted,
        live: seen.live,
        counted: counted[1] as number,
        scripts: navigation?.domContentLoadedEventEnd ?? -1,
        read,
        applied,
      }
    },
    { expected: papers, live: stored },
    { timeout, polling: 50 },
  )
  return (await handle.jsonValue()) as Rendered
}

/**
 * The rows and bytes of the copy of the group this device keeps, and whether the copy of its
 * first screen is kept beside it (read from another page).
 */
export function storedCopy(page: Page, groupId: string) {
  return page.evaluate(
    (name) =>
      new Promise<{ rows: number; bytes: number; firstScreen: boolean }>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('updates')) {
            db.close()
            resolve({ rows: 0, bytes: 0, firstScreen: false })
            return
          }
          const transaction = db.transaction(['updates', 'custom'])
          const all = transaction.objectStore('updates').getAll()
          const first = transaction.objectStore('custom').count('first-screen')
          transaction.onerror = () => reject(transaction.error)
          transaction.oncomplete = () => {
            db.close()
            const rows = all.result as Uint8Array[]
            resolve({
              rows: rows.length,
              bytes: rows.reduce((n, row) => n + row.byteLength, 0),
              firstScreen: first.result > 0,
            })
          }
        }
      }),
    `margins-group-${groupId}`,
  )
}

/** Node, the CPU and its cores, and the browser: printed with every table. */
export function machine(browserVersion: string): string {
  const cores = cpus()
  return `node ${process.version}, ${cores[0]?.model ?? 'unknown CPU'} x ${cores.length}, Chromium ${browserVersion}`
}
