/**
 * The floor of a cold start in the browser: Yjs alone decoding the group's state, in a page of
 * the same Chromium, with no app around it.
 */
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser'
import { median } from './measure'

/** yjs as one script that sets `window.Y`. */
async function yjsScript(): Promise<string> {
  const bundled = await build({
    stdin: { contents: "export * from 'yjs'", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: 'Y',
    minify: true,
    write: false,
  })
  return bundled.outputFiles[0]!.text
}

/**
 * The timed part, run in the page on `window.__state`: a string, because tsx would wrap inner
 * functions in a helper that the page does not have. Returns [applyUpdate, IndexedDB read].
 */
const FLOOR_RUN = `(async () => {
  const bytes = window.__state
  const request = (req) =>
    new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
  let start = performance.now()
  Y.applyUpdate(new Y.Doc(), bytes)
  const apply = performance.now() - start
  const open = indexedDB.open('bench-floor')
  open.onupgradeneeded = () => open.result.createObjectStore('updates', { autoIncrement: true })
  const db = await request(open)
  await request(db.transaction('updates', 'readwrite').objectStore('updates').put(bytes, 1))
  start = performance.now()
  await request(db.transaction('updates').objectStore('updates').getAll())
  const read = performance.now() - start
  db.close()
  return [apply, read]
})()`

/** Median milliseconds of the floor in the browser. */
export interface Floor {
  /** `new Y.Doc()` and `Y.applyUpdate` of the state, the bytes already in memory. */
  applyUpdate: number
  /** Reading the state from IndexedDB as one row (the app's stored form), database open. */
  read: number
}

/**
 * Runs the floor in a fresh Chromium on `origin` (any page of it: IndexedDB needs an origin;
 * CSP is bypassed to add the script), in a new page each run, so that Yjs's code is as cold
 * as the app's is on a cold load. Only the decoding (and the IndexedDB read) is timed.
 */
export async function browserFloor(origin: string, state: Uint8Array, runs: number) {
  const script = await yjsScript()
  const base64 = Buffer.from(state).toString('base64')
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  })
  try {
    const context = await browser.newContext({ bypassCSP: true })
    const apply: number[] = []
    const reads: number[] = []
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage()
      await page.goto(`${origin}/bench-floor-page`)
      await page.addScriptTag({ content: script })
      await page.evaluate(
        `window.__state = Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0))`,
      )
      const [applied, read] = (await page.evaluate(FLOOR_RUN)) as [number, number]
      apply.push(applied)
      reads.push(read)
      await page.close()
    }
    return { applyUpdate: median(apply), read: median(reads) } satisfies Floor
  } finally {
    await browser.close()
  }
}
