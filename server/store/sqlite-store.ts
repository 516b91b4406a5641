import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { DocStore, StoredUpdates } from './doc-store'
import { createGroupCommit } from './group-commit'
import { WalSync } from './wal-sync'

/** File name of the SQLite database inside the data directory. */
export const SQLITE_FILE_NAME = 'margins.sqlite'

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Directory that holds (or will hold) `margins.sqlite`. Must exist. */
  dataDir: string
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
 * A row's `id` is its position: AUTOINCREMENT never reuses one, and a snapshot takes the id of
 * the last row it replaces, so it sorts before the tail. The appends of one event-loop turn
 * are committed together in one transaction just after that turn, and each append's promise
 * resolves only once that transaction's WAL frames are fsynced: an update is acknowledged only
 * after that, so neither a crash nor a power cut loses an acknowledged update; what they may
 * lose is updates not yet acknowledged, which nobody has been sent.
 */
export function createSqliteStore(options: SqliteStoreOptions): DocStore {
  const db = new Database(join(options.dataDir, SQLITE_FILE_NAME))
  // WAL lets a reader load a group while a write commits; synchronous=FULL makes each commit
  // survive power loss, not only a process crash, which is what "acknowledged" has to mean.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(SCHEMA)

  const selectRows = db.prepare<[string], { id: number; data: Buffer }>(
    'SELECT id, data FROM updates WHERE group_id = ? ORDER BY id',
  )
  const lastRowUpTo = db.prepare<[string, number], { id: number | null }>(
    'SELECT MAX(id) AS id FROM updates WHERE group_id = ? AND id <= ?',
  )
  const insertRow = db.prepare<[string, Uint8Array]>(
    'INSERT INTO updates (group_id, data) VALUES (?, ?)',
  )
  const insertRowAt = db.prepare<[number, string, Uint8Array]>(
    'INSERT INTO updates (id, group_id, data) VALUES (?, ?, ?)',
  )
  const deleteRowsUpTo = db.prepare<[string, number]>(
    'DELETE FROM updates WHERE group_id = ? AND id <= ?',
  )

  const read = db.transaction((groupId: string): StoredUpdates => {
    const rows = selectRows.all(groupId)
    return { updates: rows.map((row) => toBytes(row.data)), position: rows.at(-1)?.id ?? 0 }
  })

  const insertAll = db.transaction(
    (queued: ReadonlyArray<{ groupId: string; update: Uint8Array }>) =>
      queued.map(({ groupId, update }) => Number(insertRow.run(groupId, update).lastInsertRowid)),
  )
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL')
  const syncFull = db.prepare('PRAGMA synchronous = FULL')
  const wal = new WalSync(join(options.dataDir, `${SQLITE_FILE_NAME}-wal`))
  // Appends of one event-loop turn share a transaction (see group-commit.ts). It commits with
  // synchronous=NORMAL, which writes its WAL frames without waiting for the disk; the WAL is
  // then fdatasynced on the thread pool before any of them is acknowledged. That is the sync
  // synchronous=FULL does after each commit, made without blocking the event loop.
  const appends = createGroupCommit({
    commit: (queued) => {
      syncNormal.run()
      try {
        return insertAll(queued)
      } finally {
        syncFull.run()
      }
    },
    sync: () => wal.sync(),
  })

  const replace = db.transaction((groupId: string, state: Uint8Array, upTo: number) => {
    const last = lastRowUpTo.get(groupId, upTo)?.id ?? null
    if (last === null) {
      // Nothing to replace (a group never written): the state is simply the first row.
      insertRow.run(groupId, state)
      return
    }
    deleteRowsUpTo.run(groupId, last)
    insertRowAt.run(last, groupId, state)
  })

  let closed = false
  return {
    // Reads, replaces and closing first commit what is queued, so they see every earlier append.
    load: async (groupId) => {
      appends.flush()
      return read(groupId).updates
    },
    read: async (groupId) => {
      appends.flush()
      return read(groupId)
    },
    append: (groupId, update) =>
      closed ? Promise.reject(new Error('store closed')) : appends.append(groupId, update),
    replace: async (groupId, state, upTo) => {
      appends.flush()
      replace(groupId, state, upTo ?? Number.MAX_SAFE_INTEGER)
    },
    close: async () => {
      if (closed) return
      appends.flush()
      closed = true
      await appends.synced()
      await wal.close()
      db.close()
    },
  }
}
