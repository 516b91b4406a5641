import * as Y from 'yjs'
import {
  STORED_COPY,
  deleteDatabase,
  readStoredCopy,
  storeFirstScreen,
  type StoredCopy,
} from './stored-copy'

/** A load that finds this many rows merges them, once the page has settled. */
export const COMPACT_AT_ROWS = 10
/** A long session merges its rows past this many (y-indexeddb's PREFERRED_TRIM_SIZE). */
const MERGE_AT_ROWS = 500
/**
 * How long after loading the rows are merged: encoding the whole document takes a while for a
 * large group, and must not hold up the first screen.
 */
const MERGE_AFTER_LOAD_MS = 2_000
/** How long a busy session waits for a pause before merging (y-indexeddb's `_storeTimeout`). */
const MERGE_WHEN_BUSY_MS = 1_000

/** A document kept on this device, when the browser lets us. */
export interface LocalStore {
  /** Settles once the stored copy is in the document, or once it is clear there is none. */
  readonly whenLoaded: Promise<void>
  /** Settles after `whenLoaded`, once what it loaded has been painted. */
  readonly whenSynced: Promise<void>
  /** False when IndexedDB cannot be used here (storage blocked, a broken profile). */
  readonly available: Promise<boolean>
  /**
   * True when the stored copy could not be read (in part or at all) and what could not was
   * removed: the document then has what was readable, and the rest only from the network.
   */
  readonly recovered: Promise<boolean>
  /**
   * Keeps `value` as the plain copy of the document's first screen, given to the next load's
   * `onFirstScreen` before the document is read (client/data/first-screen.ts). Ignored until the
   * database is open.
   */
  keepFirstScreen(value: unknown): void
  /**
   * Stops keeping the document; settles once the database is closed, with every edit made
   * before the call stored. Never rejects.
   */
  destroy(): Promise<void>
}

let usable: Promise<boolean> | undefined

/**
 * Whether IndexedDB opens at all, asked once per page and only after a database failed to open,
 * so that a browser where it cannot be used runs the app from the network alone (rather than
 * deleting a database it could not open, or waiting for one that never opens), while a load that
 * works spends no round trip on the question.
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

/** How long a page that gets no animation frames (a hidden tab) waits for one. */
const FRAME_FALLBACK_MS = 50

/**
 * Settles once the browser has painted what the document now holds (the task after the next
 * animation frame), or after FRAME_FALLBACK_MS in a page that gets no frames (or a context
 * without them: a worker, a test environment being torn down).
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FRAME_FALLBACK_MS)
    if (typeof requestAnimationFrame !== 'function') return
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer)
        resolve()
      }),
    )
  })
}

/**
 * The stored copy read into `doc`; a database that cannot even be read is deleted whole, unless
 * IndexedDB itself does not open here (then `undefined`: the document runs from the network).
 */
async function readOrReset(
  name: string,
  doc: Y.Doc,
  onFirstScreen: ((value: unknown) => void) | undefined,
): Promise<StoredCopy | undefined> {
  // Painted before the document is applied, which for a large group is one long task.
  const show = onFirstScreen && ((value: unknown) => (onFirstScreen(value), afterPaint()))
  try {
    return await readStoredCopy(name, doc, show)
  } catch {
    if (!(await indexedDbUsable())) return undefined
    const deleted = await deleteDatabase(name).catch(() => false)
    return deleted ? readStoredCopy(name, doc).catch(() => undefined) : undefined
  }
}

/**
 * Keeps `doc` in the IndexedDB database `name`, in y-indexeddb's format (a row per update in
 * the `updates` store), compacted when it has grown. Every update is stored in a transaction
 * committed at once, so that a reload or a close right after typing keeps the last keystrokes.
 * Edits made before the database has opened are stored once it has. A stored copy that cannot
 * be read is removed (see `recovered`) rather than left to keep the document from loading.
 *
 * Unlike y-indexeddb (9.0.12), a load writes nothing: y-indexeddb stores the whole document
 * again as one more row at every load, so a device that mostly reads a large group would
 * encode and write it at each page load, and read it several times over at the next ones.
 */
export function persistLocally(
  name: string,
  doc: Y.Doc,
  options: {
    /** Gets the stored plain copy of the first screen, if any, before the document is read. */
    onFirstScreen?: (value: unknown) => void
  } = {},
): LocalStore {
  let destroyed = false
  let db: IDBDatabase | undefined
  let rows = 0
  /** Edits made before the database opened. */
  let unsaved: Uint8Array[] = []
  let mergeTimer: ReturnType<typeof setTimeout> | undefined

  const add = (update: Uint8Array) => {
    if (!db) return
    try {
      const transaction = db.transaction('updates', 'readwrite')
      transaction.objectStore('updates').add(update)
      // Safari before 15 has no commit(): there it commits once the page's task ends.
      transaction.commit?.()
      rows += 1
    } catch {
      // The database was closed under us (deleted on leaving the group): nothing to keep.
    }
  }

  // One row holding the whole document, in place of the rows before it, in one transaction: a
  // merge cut short (the page closed) leaves the rows as they were, for the next load to merge.
  // Another tab of the group may have stored rows this document has not seen (both offline):
  // they are read into it first, in the same transaction, so that the merged row holds them.
  const merge = () => {
    mergeTimer = undefined
    if (!db || destroyed) return
    try {
      const store = db.transaction('updates', 'readwrite').objectStore('updates')
      const stored = store.getAll()
      stored.onsuccess = () => {
        for (const row of stored.result) {
          try {
            if (row instanceof Uint8Array) Y.applyUpdate(doc, row, STORED_COPY)
          } catch {
            // Unreadable: left for the next load, which removes it and says so.
            return
          }
        }
        const added = store.add(Y.encodeStateAsUpdate(doc))
        added.onsuccess = () => store.delete(IDBKeyRange.upperBound(added.result, true))
        rows = 1
      }
    } catch {
      // Closed under us, as in `add`.
    }
  }
  const mergeLater = (delay: number) => {
    clearTimeout(mergeTimer)
    mergeTimer = setTimeout(merge, delay)
  }

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === STORED_COPY) return
    if (!db) {
      unsaved.push(update)
      return
    }
    add(update)
    if (rows >= MERGE_AT_ROWS) mergeLater(MERGE_WHEN_BUSY_MS)
  }
  doc.on('update', onUpdate)

  const stored = readOrReset(name, doc, options.onFirstScreen)
  const opened = stored.then((copy) => {
    if (!copy) {
      doc.off('update', onUpdate)
      unsaved = []
      return false
    }
    db = copy.db
    rows = copy.rows
    // What could be read is in the document but no longer stored: store all of it again.
    if (copy.damaged) add(Y.encodeStateAsUpdate(doc))
    else if (unsaved.length > 0) add(Y.mergeUpdates(unsaved))
    unsaved = []
    if (rows >= COMPACT_AT_ROWS) mergeLater(MERGE_AFTER_LOAD_MS)
    return copy.rows > 0
  })
  return {
    // What waits for the load (connecting to the server, which starts with encoding the whole
    // group for other tabs) waits one frame more when there was a copy, so that the member
    // sees it first.
    whenLoaded: opened.then(() => undefined),
    whenSynced: opened.then((loaded) => (loaded ? afterPaint() : undefined)),
    available: stored.then((copy) => copy !== undefined || indexedDbUsable()),
    recovered: stored.then((copy) => copy?.damaged ?? false),
    keepFirstScreen: (value) => {
      if (db && !destroyed) storeFirstScreen(db, value)
    },
    destroy: async () => {
      destroyed = true
      await opened.catch(() => undefined)
      doc.off('update', onUpdate)
      clearTimeout(mergeTimer)
      // Transactions already begun still commit: close() waits for them.
      db?.close()
    },
  }
}
