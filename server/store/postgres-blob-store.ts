import { Readable } from 'node:stream'
import { isBlobHash, type BlobStore } from './blob-store'
import { stageIntoPostgres } from './postgres-blob-staging'
import {
  createPool,
  ensureSchema,
  type PostgresConnectionOptions,
  type Schema,
} from './postgres-pool'

/** Options of {@link createPostgresBlobStore}. */
export interface PostgresBlobStoreOptions extends PostgresConnectionOptions {
  /** Bytes per stored chunk of a new blob; default 256 KiB. Each blob records its own. */
  chunkBytes?: number
}

/** Chunk size of new blobs when not given. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024

/** Staged bytes older than this are a crashed node's leftovers, removed when a store opens. */
const STALE_STAGING = '1 day'

const SCHEMA: Schema = {
  relations: ['blobs', 'blob_chunks', 'group_blobs', 'blob_sources', 'blob_staging'],
  // Chunks are stored uncompressed (STORAGE EXTERNAL): PDFs hardly compress, and an
  // uncompressed TOAST value can be sliced (`substring`) without reading all of it.
  // Staging is UNLOGGED: no WAL for bytes that may never be kept; a database crash empties it,
  // which a commit notices (the chunks no longer add up to the size) and refuses.
  sql: `
CREATE TABLE IF NOT EXISTS blobs (
  hash text PRIMARY KEY,
  size bigint NOT NULL,
  chunk_bytes integer NOT NULL
);
CREATE TABLE IF NOT EXISTS blob_chunks (
  hash text NOT NULL REFERENCES blobs (hash),
  chunk integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (hash, chunk)
);
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE TABLE IF NOT EXISTS group_blobs (
  group_id text NOT NULL,
  hash text NOT NULL REFERENCES blobs (hash),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, hash)
);
CREATE TABLE IF NOT EXISTS blob_sources (
  source text PRIMARY KEY,
  hash text NOT NULL REFERENCES blobs (hash)
);
CREATE UNLOGGED TABLE IF NOT EXISTS blob_staging (
  stage_id uuid NOT NULL,
  chunk integer NOT NULL,
  data bytea NOT NULL,
  staged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stage_id, chunk)
);
ALTER TABLE blob_staging ALTER COLUMN data SET STORAGE EXTERNAL;
`,
}

/**
 * A {@link BlobStore} in PostgreSQL, so that a PDF uploaded through one server node is served
 * by every other. A blob is rows of `blob_chunks` (hash, chunk number, up to `chunkBytes`
 * bytes); `blobs` holds its size and chunk size, `group_blobs` which group holds it and
 * `blob_sources` where it came from, as in the file store's index. Bytes being received go to
 * `blob_staging` one chunk at a time, so memory stays at a chunk whatever the size, and a
 * commit moves them to `blob_chunks` in the same transaction that records the blob: a blob is
 * whole or absent. A read fetches only the chunks its range covers, one at a time as the
 * stream is consumed.
 */
export function createPostgresBlobStore(options: PostgresBlobStoreOptions): BlobStore {
  const what = 'PostgreSQL blob store'
  const pool = createPool({ ...options, maxConnections: options.maxConnections ?? 4 }, what)
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new Error(`${what}: chunkBytes must be a positive integer`)
  }
  let schema: Promise<void> | undefined
  let closing: Promise<void> | undefined
  const opened = () => {
    schema ??= (async () => {
      await ensureSchema(pool, options.url, what, SCHEMA)
      await pool.query(
        `DELETE FROM blob_staging WHERE staged_at < now() - interval '${STALE_STAGING}'`,
      )
    })().catch((error: unknown) => {
      schema = undefined
      throw error
    })
    return schema
  }
  const live = async () => {
    if (closing) throw new Error('blob store closed')
    await opened()
  }

  async function* chunksOf(hash: string, range?: { start: number; end: number }) {
    await live()
    const found = await pool.query<{ size: string; chunk_bytes: number }>(
      'SELECT size::text AS size, chunk_bytes FROM blobs WHERE hash = $1',
      [hash],
    )
    const blob = found.rows[0]
    if (!blob) throw new Error(`no blob ${hash}`)
    const start = range?.start ?? 0
    const end = Math.min(range?.end ?? Infinity, Number(blob.size) - 1)
    if (end < start) return
    const per = blob.chunk_bytes
    for (let chunk = Math.floor(start / per); chunk * per <= end; chunk++) {
      const from = Math.max(start - chunk * per, 0)
      const to = Math.min(end - chunk * per, per - 1)
      const { rows } = await pool.query<{ data: Buffer }>(
        // substring counts from 1.
        'SELECT substring(data FROM $3 FOR $4) AS data FROM blob_chunks WHERE hash = $1 AND chunk = $2',
        [hash, chunk, from + 1, to - from + 1],
      )
      const data = rows[0]?.data
      if (!data) throw new Error(`blob ${hash} is missing chunk ${chunk}`)
      yield data
    }
  }

  return {
    stage: async (body, { maxBytes }) => {
      await live()
      return stageIntoPostgres(pool, body, { maxBytes, chunkBytes, live })
    },
    stat: async (groupId, hash) => {
      await live()
      if (!isBlobHash(hash)) return undefined
      const { rows } = await pool.query<{ size: string }>(
        `SELECT b.size::text AS size FROM group_blobs g JOIN blobs b ON b.hash = g.hash
         WHERE g.group_id = $1 AND g.hash = $2`,
        [groupId, hash],
      )
      return rows[0] ? { hash, size: Number(rows[0].size) } : undefined
    },
    grant: async (groupId, hash) => {
      await live()
      if (!isBlobHash(hash)) return { held: false }
      const inserted = await pool.query(
        `INSERT INTO group_blobs (group_id, hash) SELECT $1, hash FROM blobs WHERE hash = $2
         ON CONFLICT DO NOTHING`,
        [groupId, hash],
      )
      if (inserted.rowCount === 1) return { held: true, added: true }
      const known = await pool.query('SELECT 1 FROM blobs WHERE hash = $1', [hash])
      return known.rowCount === 1 ? { held: true, added: false } : { held: false }
    },
    read: (hash, range) => {
      if (closing) throw new Error('blob store closed')
      if (!isBlobHash(hash)) throw new Error('not a blob hash')
      // Byte mode with the default high-water mark: at most one chunk is fetched ahead.
      return Readable.from(chunksOf(hash, range), { objectMode: false })
    },
    sourceOf: async (source) => {
      await live()
      const { rows } = await pool.query<{ hash: string }>(
        'SELECT hash FROM blob_sources WHERE source = $1',
        [source],
      )
      return rows[0]?.hash
    },
    close: () => {
      closing ??= pool.end()
      return closing
    },
  }
}
