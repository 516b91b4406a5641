import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { BlobInfo } from './blob-store'

/** File name of the blob index inside the blob directory. */
export const BLOB_INDEX_FILE_NAME = 'blobs.sqlite'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS blobs (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_blobs (
  group_id TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES blobs (hash),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blob_sources (
  source TEXT PRIMARY KEY,
  hash TEXT NOT NULL REFERENCES blobs (hash)
) WITHOUT ROWID;
`

/** Which blobs exist, which group holds which, and where some came from. */
export interface BlobIndex {
  /** The blob if `groupId` holds it. */
  stat(groupId: string, hash: string): BlobInfo | undefined
  /**
   * Records the blob (if new) and that `groupId` holds it (and `source`, if given and not yet
   * recorded), in one transaction; says which of the two was new.
   */
  record(
    groupId: string,
    blob: BlobInfo,
    source?: string,
  ): { blobCreated: boolean; groupAdded: boolean }
  /** Adds a known blob to `groupId`; undefined when the blob is unknown, else whether it was new. */
  grant(groupId: string, hash: string): boolean | undefined
  sourceOf(source: string): string | undefined
  close(): void
}

/**
 * The index of a blob directory, an SQLite file of its own (`<blobDir>/blobs.sqlite`, WAL,
 * `synchronous = FULL`) so that the blobs and what describes them move together. Uploads are
 * rare next to sync traffic, so its writes are plain synchronous transactions.
 */
export function openBlobIndex(dir: string, now: () => number = Date.now): BlobIndex {
  const db = new Database(join(dir, BLOB_INDEX_FILE_NAME))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.exec(SCHEMA)
  const selectHeld = db.prepare<[string, string], BlobInfo>(
    `SELECT b.hash AS hash, b.size AS size FROM group_blobs g JOIN blobs b ON b.hash = g.hash
     WHERE g.group_id = ? AND g.hash = ?`,
  )
  const selectBlob = db.prepare<[string], { size: number }>('SELECT size FROM blobs WHERE hash = ?')
  const insertBlob = db.prepare<[string, number]>(
    'INSERT OR IGNORE INTO blobs (hash, size) VALUES (?, ?)',
  )
  const insertHolder = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO group_blobs (group_id, hash, added_at) VALUES (?, ?, ?)',
  )
  const insertSource = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO blob_sources (source, hash) VALUES (?, ?)',
  )
  const selectSource = db.prepare<[string], { hash: string }>(
    'SELECT hash FROM blob_sources WHERE source = ?',
  )
  const record = db.transaction((groupId: string, blob: BlobInfo, source?: string) => {
    const blobCreated = insertBlob.run(blob.hash, blob.size).changes > 0
    const groupAdded = insertHolder.run(groupId, blob.hash, now()).changes > 0
    if (source !== undefined) insertSource.run(source, blob.hash)
    return { blobCreated, groupAdded }
  })
  const grant = db.transaction((groupId: string, hash: string) => {
    if (!selectBlob.get(hash)) return undefined
    return insertHolder.run(groupId, hash, now()).changes > 0
  })
  return {
    stat: (groupId, hash) => selectHeld.get(groupId, hash),
    record,
    grant,
    sourceOf: (source) => selectSource.get(source)?.hash,
    close: () => db.close(),
  }
}
