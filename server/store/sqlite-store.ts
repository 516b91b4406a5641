import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import type { DocStore } from './doc-store'

/** File name of the SQLite database inside the data directory. */
export const SQLITE_FILE_NAME = 'margins.sqlite'

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Directory that holds (or will hold) `margins.sqlite`. Must exist. */
  dataDir: string
  /**
   * When a group has more rows than this after an append, its rows are merged into one in the
   * same transaction, so a group that is never unloaded still loads quickly. Default 500.
   */
  compactAfterRows?: number
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_group ON updates (group_id, id);
`

/** A view of the bytes without a copy, as a plain Uint8Array rather than a Buffer. */
function toBytes(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength)
}

/**
 * A {@link DocStore} in one SQLite file (`<dataDir>/margins.sqlite`) through better-sqlite3.
 * better-sqlite3 is synchronous, so every call has finished, committed and been fsynced before
 * its promise is even returned; there is no write queue to lose on a crash.
 */
export function createSqliteStore(options: SqliteStoreOptions): DocStore {
  const compactAfterRows = options.compactAfterRows ?? 500
  const db = new Database(join(options.dataDir, SQLITE_FILE_NAME))
  // WAL lets a reader load a group while a write commits; synchronous=FULL makes each commit
  // survive power loss, not only a process crash, which is what "acknowledged" has to mean.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(SCHEMA)

  const selectRows = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM updates WHERE group_id = ? ORDER BY id',
  )
  const countRows = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM updates WHERE group_id = ?',
  )
  const insertRow = db.prepare<[string, Uint8Array]>(
    'INSERT INTO updates (group_id, data) VALUES (?, ?)',
  )
  const deleteRows = db.prepare<[string]>('DELETE FROM updates WHERE group_id = ?')

  const load = (groupId: string): Uint8Array[] =>
    selectRows.all(groupId).map((row) => toBytes(row.data))

  const replace = db.transaction((groupId: string, state: Uint8Array) => {
    deleteRows.run(groupId)
    insertRow.run(groupId, state)
  })

  const append = db.transaction((groupId: string, update: Uint8Array) => {
    insertRow.run(groupId, update)
    const rows = countRows.get(groupId)?.n ?? 0
    if (rows > compactAfterRows) replace(groupId, Y.mergeUpdates(load(groupId)))
  })

  let closed = false
  return {
    load: async (groupId) => load(groupId),
    append: async (groupId, update) => {
      append(groupId, update)
    },
    replace: async (groupId, state) => {
      replace(groupId, state)
    },
    close: async () => {
      if (closed) return
      closed = true
      db.close()
    },
  }
}
