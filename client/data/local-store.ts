import type * as Y from 'yjs'
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb'
import * as idb from 'lib0/indexeddb'
import { deleteDatabase, readStoredCopy, type StoredCopy } from './stored-copy'

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
  /**
   * True when the stored copy could not be read (in part or at all) and what could not was
   * removed: the document then has what was readable, and the rest only from the network.
   */
  readonly recovered: Promise<boolean>
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
 * Stores each update in a transaction that is committed at once. y-indexeddb (9.0.12) leaves
 * its per-update transaction to auto-commit, which needs the page to get back to its event
 * loop after the write has succeeded; a reload or a close right after typing aborts it and the
 * last keystrokes are lost. `commit()` asks the browser to commit as soon as the write is done,
 * whatever the page does next. y-indexeddb has no option for this; `_storeUpdate` is the
 * listener it subscribes to the document's updates and unsubscribes in `destroy()`, so swapping
 * it keeps its bookkeeping (row count, merge at PREFERRED_TRIM_SIZE rows) as it was.
 */
function commitEachUpdate(local: IndexeddbPersistence, doc: Y.Doc): void {
  doc.off('update', local._storeUpdate)
  local._storeUpdate = (update: Uint8Array, origin: unknown) => {
    if (!local.db || origin === local) return
    const transaction = local.db.transaction(['updates'], 'readwrite')
    transaction.objectStore('updates').add(update)
    // Safari before 15 has no commit(): there it auto-commits, as y-indexeddb does.
    transaction.commit?.()
    if (++local._dbsize < PREFERRED_TRIM_SIZE) return
    clearTimeout(local._storeTimeoutId)
    local._storeTimeoutId = setTimeout(() => {
      local._storeTimeoutId = null
      storeState(local, false).catch(() => undefined)
    }, local._storeTimeout)
  }
  doc.on('update', local._storeUpdate)
}

/** The stored copy read into `doc`; a database that cannot even be read is deleted whole. */
async function readOrReset(name: string, doc: Y.Doc): Promise<StoredCopy | undefined> {
  try {
    return await readStoredCopy(name, doc)
  } catch {
    const deleted = await deleteDatabase(name).catch(() => false)
    return deleted ? { next: 0, damaged: true } : undefined
  }
}

/**
 * Keeps `doc` in the IndexedDB database `name`, compacted when it has grown. Edits made before
 * the database has opened are stored once it has (y-indexeddb writes the whole document then).
 * A stored copy that cannot be read is removed (see `recovered`) rather than left to keep the
 * document from ever loading.
 */
export function persistLocally(name: string, doc: Y.Doc): LocalStore {
  let destroyed = false
  const stored = indexedDbUsable().then((ok) =>
    ok && !destroyed ? readOrReset(name, doc) : undefined,
  )
  const opened = stored.then((copy) => {
    if (!copy || destroyed) return undefined
    const local = new IndexeddbPersistence(name, doc)
    // y-indexeddb reads from `_dbref` on once its database opens (after this, in a later
    // task): the rows before it are in the document already.
    local._dbref = copy.next
    commitEachUpdate(local, doc)
    return local
  })
  const whenSynced = opened.then(async (local) => {
    if (!local) return
    await local.whenSynced
    // A compaction cut short (the page closed) leaves the rows for the next load to merge.
    compactIfGrown(local).catch(() => undefined)
  })
  return {
    whenSynced,
    available: indexedDbUsable(),
    recovered: stored.then((copy) => copy?.damaged ?? false),
    destroy: async () => {
      destroyed = true
      const local = await opened
      await local?.destroy().catch(() => undefined)
    },
  }
}
