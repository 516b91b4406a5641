import * as Y from 'yjs'
import * as idb from 'lib0/indexeddb'

/** The object stores y-indexeddb keeps a document in (y-indexeddb 9, src/y-indexeddb.js). */
const UPDATES = 'updates'
const CUSTOM = 'custom'
/** The key of the plain copy of the group's first screen in the `custom` store (first-screen.ts). */
const FIRST_SCREEN = 'first-screen'

/** What reading the stored copy of a document found. */
export interface StoredCopy {
  /** The database, open, for the caller to keep writing to and to close. */
  readonly db: IDBDatabase
  /** Rows the database holds now. */
  readonly rows: number
  /** True when some of it could not be read, and what could not was removed. */
  readonly damaged: boolean
}

/** Origin of the transaction that loads the stored copy: what it adds is stored already. */
export const STORED_COPY = Symbol('stored copy')

function createStores(db: IDBDatabase): void {
  idb.createStores(db, [[UPDATES, { autoIncrement: true }], [CUSTOM]])
}

/** Deletes the database; false if another tab holds it open and the deletion has to wait. */
export function deleteDatabase(name: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve(true)
    request.onblocked = () => resolve(false)
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`))
  })
}

/**
 * Runs `apply` with no listener of the document's `update` event. Yjs encodes each transaction
 * into an update for those listeners, which for a whole stored group costs as much again as
 * decoding it, and none of them wants the stored copy: the local store has it already, the
 * sync provider connects only once it is loaded (and then sends the server what it lacks, by
 * state vector), and projections follow `afterTransactionCleanup` (shared/model/observe.ts).
 * Yjs has no option for this: `_observers` is the listener map of lib0's ObservableV2, which
 * Y.Doc extends (yjs is pinned; test/component/local-store.test.ts loads through this path).
 */
function withoutUpdateListeners(doc: Y.Doc, apply: () => void): void {
  const listeners = doc._observers.get('update')
  doc._observers.delete('update')
  try {
    apply()
  } finally {
    if (listeners) doc._observers.set('update', listeners)
  }
}

/** Applies each row to `doc`, leaving out those that are not updates; true if all were. */
function applyRows(doc: Y.Doc, rows: unknown[]): boolean {
  let whole = true
  const apply = () => {
    for (const row of rows) {
      // Yjs decodes a whole update before it integrates it, so a row that throws has added
      // nothing; the rows after it still apply (what they lack waits, or comes from the server).
      try {
        if (!(row instanceof Uint8Array)) throw new TypeError('a stored row is not bytes')
        Y.applyUpdate(doc, row)
      } catch {
        whole = false
      }
    }
  }
  withoutUpdateListeners(doc, () => Y.transact(doc, apply, STORED_COPY, false))
  return whole
}

/** A database opened and its rows read, not yet applied to a document. */
interface ReadRows {
  readonly db: IDBDatabase
  /** Undefined when the database lacks its stores (it must be deleted and made again). */
  readonly rows: unknown[] | undefined
}

/** A read under way: the first screen's plain copy comes first, the rows after it. */
interface Reading {
  readonly rows: Promise<ReadRows>
  /** The stored first screen, or undefined (none, or it could not be read). Never rejects. */
  readonly firstScreen: Promise<unknown>
}

function hasStores(db: IDBDatabase): boolean {
  return db.objectStoreNames.contains(UPDATES) && db.objectStoreNames.contains(CUSTOM)
}

function openAndRead(name: string): Reading {
  const opening = idb.openDB(name, createStores)
  // Asked for first, in a transaction of its own: a few megabytes of plain data against the
  // whole group's updates, so it arrives well before them, and the library can show meanwhile.
  const firstScreen = opening
    .then((db) =>
      hasStores(db)
        ? idb.get(db.transaction(CUSTOM, 'readonly').objectStore(CUSTOM), FIRST_SCREEN)
        : undefined,
    )
    .catch(() => undefined)
  const rows = opening.then(async (db) => {
    if (!hasStores(db)) return { db, rows: undefined }
    try {
      const updates = db.transaction(UPDATES, 'readonly').objectStore(UPDATES)
      return { db, rows: await idb.getAll(updates) }
    } catch (error) {
      db.close()
      throw error
    }
  })
  return { rows, firstScreen }
}

/** Reads started by `readAhead` that no document has taken yet. */
const ahead = new Map<string, Reading>()
/** A read ahead that no document takes by then is closed (the app went elsewhere). */
const UNCLAIMED_MS = 10_000

/**
 * Starts opening the database `name` and reading its rows now, for the next `readStoredCopy`
 * of it: started while the app's code is still starting, the read is done by the time the
 * document is created. Errors are left for `readStoredCopy` to meet, as if it had read.
 */
export function readAhead(name: string): void {
  if (ahead.has(name)) return
  const reading = openAndRead(name)
  reading.rows.catch(() => undefined)
  ahead.set(name, reading)
  setTimeout(() => {
    if (ahead.get(name) !== reading) return
    ahead.delete(name)
    void reading.rows.then(
      ({ db }) => db.close(),
      () => undefined,
    )
  }, UNCLAIMED_MS)
}

/**
 * Stores `value` as the plain copy of the document's first screen, in the database the stored
 * copy was read from, replacing the one before. Best effort: a failure leaves the one before.
 */
export function storeFirstScreen(db: IDBDatabase, value: unknown): void {
  try {
    const transaction = db.transaction(CUSTOM, 'readwrite')
    transaction.objectStore(CUSTOM).put(value, FIRST_SCREEN)
    transaction.commit?.()
  } catch {
    // Closed under us (the group was left), or a value the browser cannot store: the first
    // screen then waits for the document, as it would without a copy.
  }
}

/**
 * Reads the copy of a document kept in the database `name` (in y-indexeddb's format: one row
 * of the `updates` store per stored update) into `doc`, and removes what cannot be read, so
 * that a damaged row or a database without its stores cannot keep the document from loading.
 * Each row is applied once, in one transaction (one round of observer calls). The plain copy
 * of the first screen kept beside the rows goes to `onFirstScreen` first, and the rows are
 * applied once the promise it returns settles (once the screen has been painted).
 *
 * @returns `undefined` when the database cannot be used now (another tab holds a database that
 *   has to be deleted): the document then runs from the network alone.
 */
export async function readStoredCopy(
  name: string,
  doc: Y.Doc,
  onFirstScreen?: (value: unknown) => Promise<void> | void,
): Promise<StoredCopy | undefined> {
  const reading = ahead.get(name) ?? openAndRead(name)
  ahead.delete(name)
  // Shown, and painted, before the rows are applied: applying a large group is one long task.
  const shown = reading.firstScreen
    .then((value) => (value === undefined ? undefined : onFirstScreen?.(value)))
    .catch(() => undefined)
  const { db, rows } = await reading.rows
  await shown
  if (rows === undefined) {
    db.close()
    if (!(await deleteDatabase(name))) return undefined
    return { db: await idb.openDB(name, createStores), rows: 0, damaged: true }
  }
  try {
    // User Timing marks, for profiles and bench/cold-start.ts: where a cold start spends its time.
    performance.mark('margins:stored-copy-read', { detail: name })
    const whole = applyRows(doc, rows)
    performance.mark('margins:stored-copy-applied', { detail: name })
    if (whole) return { db, rows: rows.length, damaged: false }
    // The caller stores the whole document again: that is all that was readable, and the
    // unreadable rows must not stay to break the next load.
    await idb.rtop(db.transaction(UPDATES, 'readwrite').objectStore(UPDATES).clear())
    return { db, rows: 0, damaged: true }
  } catch (error) {
    db.close()
    throw error
  }
}
