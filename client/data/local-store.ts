import type * as Y from 'yjs'
import { IndexeddbPersistence, storeState } from 'y-indexeddb'
import * as idb from 'lib0/indexeddb'

/**
 * y-indexeddb adds a row each time a document is opened and merges rows only on a write once
 * there are 500, so a device that mostly reads would gain a row at every page load: merge them
 * when the document loads with this many.
 */
const COMPACT_AT_ROWS = 10

async function compactIfGrown(local: IndexeddbPersistence): Promise<void> {
  const db = await local._db
  if (local._destroyed) return
  const [updates] = idb.transact(db, ['updates'], 'readonly')
  if (!updates || (await idb.count(updates)) < COMPACT_AT_ROWS || local._destroyed) return
  await storeState(local)
}

/** Keeps `doc` in the IndexedDB database `name`, compacted when it has grown. */
export function persistLocally(name: string, doc: Y.Doc): IndexeddbPersistence {
  const local = new IndexeddbPersistence(name, doc)
  // A compaction cut short (the page closed) leaves the rows for the next load to merge.
  void local.whenSynced.then(() => compactIfGrown(local)).catch(() => undefined)
  return local
}
