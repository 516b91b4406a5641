import type * as Y from 'yjs'
import { IndexeddbPersistence, storeState } from 'y-indexeddb'
import * as idb from 'lib0/indexeddb'

/**
 * y-indexeddb adds a row each time a document is opened and merges rows only on a write once
 * there are 500, so a device that mostly reads would gain a row at every page load: merge them
 * when the document loads with this many.
 */
export const COMPACT_AT_ROWS = 10

/** A document kept on this device, when the browser lets us. */
export interface LocalStore {
  /** Settles once the stored copy is in the document, or once it is clear there is none. */
  readonly whenSynced: Promise<void>
  /** False when IndexedDB cannot be used here (storage blocked, a broken profile). */
  readonly available: Promise<boolean>
  /** Stops keeping the document; settles once the database is closed. Never rejects. */
  destroy(): Promise<void>
}

let usable: Promise<boolean> | undefined

/**
 * Whether IndexedDB opens at all, asked once per page. y-indexeddb leaves its load promise
 * pending forever when the database cannot be opened, which would keep a group from ever
 * connecting; asking first lets the app run from the network alone instead.
 */
function indexedDbUsable(): Promise<boolean> {
  usable ??= new Promise<boolean>((resolve) => {
    try {
      const request = indexedDB.open('margins-probe')
      request.onsuccess = () => {
        request.result.close()
        resolve(true)
      }
      request.onerror = () => resolve(false)
    } catch {
      resolve(false)
    }
  })
  return usable
}

async function compactIfGrown(local: IndexeddbPersistence): Promise<void> {
  const db = await local._db
  if (local._destroyed) return
  const [updates] = idb.transact(db, ['updates'], 'readonly')
  if (!updates || (await idb.count(updates)) < COMPACT_AT_ROWS || local._destroyed) return
  await storeState(local)
}

/**
 * Keeps `doc` in the IndexedDB database `name`, compacted when it has grown. Edits made before
 * the database has opened are stored once it has (y-indexeddb writes the whole document then).
 */
export function persistLocally(name: string, doc: Y.Doc): LocalStore {
  let destroyed = false
  const opened = indexedDbUsable().then((ok) =>
    ok && !destroyed ? new IndexeddbPersistence(name, doc) : undefined,
  )
  const whenSynced = opened.then(async (local) => {
    if (!local) return
    await local.whenSynced
    // A compaction cut short (the page closed) leaves the rows for the next load to merge.
    compactIfGrown(local).catch(() => undefined)
  })
  return {
    whenSynced,
    available: indexedDbUsable(),
    destroy: async () => {
      destroyed = true
      const local = await opened
      await local?.destroy().catch(() => undefined)
    },
  }
}
