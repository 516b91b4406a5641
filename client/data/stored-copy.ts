import * as Y from 'yjs'
import * as idb from 'lib0/indexeddb'

/** The object stores y-indexeddb keeps a document in (y-indexeddb 9, src/y-indexeddb.js). */
const UPDATES = 'updates'
const CUSTOM = 'custom'

/** What reading the stored copy of a document found. */
export interface StoredCopy {
  /** The key after the last row read into the document: y-indexeddb's `_dbref`. */
  readonly next: number
  /** True when some of it could not be read, and what could not was removed. */
  readonly damaged: boolean
}

/** Origin of the transaction that loads the stored copy (kept by nobody: it is stored already). */
const LOADED = Symbol('stored copy')

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

/** Applies each row to `doc`, leaving out those that are not updates; true if all were. */
function applyRows(doc: Y.Doc, rows: unknown[]): boolean {
  let whole = true
  Y.transact(
    doc,
    () => {
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
    },
    LOADED,
    false,
  )
  return whole
}

/**
 * Reads the copy of a document that y-indexeddb keeps in the database `name` into `doc`, in
 * place of y-indexeddb's own first read, and removes what cannot be read: y-indexeddb throws
 * inside its constructor on a damaged row or a database without its stores, and then never
 * settles `whenSynced`. Reading here costs no more than its read would (each row is applied
 * once); y-indexeddb is then told to start after the rows read here.
 *
 * @returns `undefined` when the database cannot be used now (another tab holds a database that
 *   has to be deleted): the document then runs from the network alone.
 */
export async function readStoredCopy(name: string, doc: Y.Doc): Promise<StoredCopy | undefined> {
  const db = await idb.openDB(name, createStores)
  if (!db.objectStoreNames.contains(UPDATES) || !db.objectStoreNames.contains(CUSTOM)) {
    db.close()
    return (await deleteDatabase(name)) ? { next: 0, damaged: true } : undefined
  }
  try {
    const updates = db.transaction(UPDATES, 'readonly').objectStore(UPDATES)
    const [rows, lastKey] = await Promise.all([idb.getAll(updates), idb.getLastKey(updates)])
    if (applyRows(doc, rows))
      return { next: typeof lastKey === 'number' ? lastKey + 1 : 0, damaged: false }
    // y-indexeddb writes the whole document as its first row once it opens: that is all that
    // was readable, and the unreadable rows must not stay to break the next load.
    await idb.rtop(db.transaction(UPDATES, 'readwrite').objectStore(UPDATES).clear())
    return { next: 0, damaged: true }
  } finally {
    db.close()
  }
}
