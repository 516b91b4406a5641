import type { Page } from 'playwright-core'

/**
 * Waits until the app's service worker is active and controls the page: it registers once the
 * page is idle and precaches the whole build first, which with several browser suites on two
 * cores has taken over 15 s.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      await navigator.serviceWorker.ready
      return navigator.serviceWorker.controller !== null
    },
    undefined,
    { timeout: 45_000 },
  )
}

/** Whether a new service worker is installed and waiting to take over. */
export function hasWaitingServiceWorker(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    return Boolean(registration?.waiting)
  })
}

/** Paths (with query) of every response held in the page's Cache Storage, all caches. */
export function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        const url = new URL(request.url)
        paths.push(url.pathname + url.search)
      }
    }
    return paths.sort()
  })
}

/** Rows and bytes of the `updates` store of one y-indexeddb database. */
export interface UpdateRows {
  rows: number
  bytes: number
}

/** Reads the `updates` object store of the IndexedDB database `name` from the page. */
export function updateRows(page: Page, name: string): Promise<UpdateRows> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    try {
      const all = await new Promise<Uint8Array[]>((resolve, reject) => {
        const request = db.transaction('updates').objectStore('updates').getAll()
        request.onsuccess = () => resolve(request.result as Uint8Array[])
        request.onerror = () => reject(request.error)
      })
      return { rows: all.length, bytes: all.reduce((sum, update) => sum + update.byteLength, 0) }
    } finally {
      db.close()
    }
  }, name)
}

/** Width and height from a PNG's IHDR chunk, or undefined when `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}
