import { createHash, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { BlobTooLargeError, PEEK_BYTES, lastBytes, type StagedBlob } from './blob-store'
import { inTransaction } from './postgres-pool'

/** What {@link stageIntoPostgres} needs besides the pool. */
export interface StagingOptions {
  maxBytes: number
  /** Bytes per row, in staging and once committed. */
  chunkBytes: number
  /** Rejects once the store is closed. */
  live: () => Promise<void>
}

/**
 * Reads `body` into `blob_staging` under a fresh id, one row per `chunkBytes`, hashing it on
 * the way; past `maxBytes`, or when `body` fails, deletes what it staged and rejects. The
 * returned blob's commit moves the rows to `blob_chunks` (unless the blob is stored already)
 * and records the blob, the group and the source, all in one transaction.
 */
export async function stageIntoPostgres(
  pool: pg.Pool,
  body: AsyncIterable<Uint8Array>,
  options: StagingOptions,
): Promise<StagedBlob> {
  const stageId = randomUUID()
  const hasher = createHash('sha256')
  let size = 0
  let chunks = 0
  let pending: Buffer[] = []
  let pendingBytes = 0
  let head: Uint8Array = new Uint8Array(0)
  let tail: Uint8Array = new Uint8Array(0)
  const unstage = () =>
    pool.query('DELETE FROM blob_staging WHERE stage_id = $1', [stageId]).then(() => undefined)
  const writeChunk = async (data: Buffer) => {
    await pool.query('INSERT INTO blob_staging (stage_id, chunk, data) VALUES ($1, $2, $3)', [
      stageId,
      chunks,
      data,
    ])
    chunks += 1
  }

  try {
    for await (const piece of body) {
      size += piece.byteLength
      if (size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes)
      hasher.update(piece)
      if (head.byteLength < PEEK_BYTES) {
        head = Buffer.concat([head, piece.subarray(0, PEEK_BYTES - head.byteLength)])
      }
      tail = lastBytes(tail, piece, PEEK_BYTES)
      // A copy: the body may reuse its memory once we have moved on.
      pending.push(Buffer.from(piece))
      pendingBytes += piece.byteLength
      while (pendingBytes >= options.chunkBytes) {
        const joined = Buffer.concat(pending)
        await writeChunk(joined.subarray(0, options.chunkBytes))
        const rest = joined.subarray(options.chunkBytes)
        pending = rest.byteLength > 0 ? [rest] : []
        pendingBytes = rest.byteLength
      }
    }
    if (pendingBytes > 0) await writeChunk(Buffer.concat(pending))
  } catch (error) {
    await unstage().catch(() => undefined)
    throw error
  }

  const hash = hasher.digest('hex')
  let settled = false
  return {
    hash,
    size,
    head: new Uint8Array(head),
    tail,
    discard: async () => {
      if (settled) return
      settled = true
      await unstage().catch(() => undefined)
    },
    commit: async (groupId, source) => {
      await options.live()
      if (settled) throw new Error('staged blob already committed or discarded')
      settled = true
      try {
        return await inTransaction(pool, async (client) => {
          // On a conflict this waits for the other transaction: if it commits the same bytes,
          // they are not copied twice; if it rolls back, these are.
          const created =
            (
              await client.query(
                `INSERT INTO blobs (hash, size, chunk_bytes) VALUES ($1, $2, $3)
                 ON CONFLICT (hash) DO NOTHING`,
                [hash, size, options.chunkBytes],
              )
            ).rowCount === 1
          if (created) {
            const moved = await client.query<{ bytes: string }>(
              `WITH moved AS (
                 INSERT INTO blob_chunks (hash, chunk, data)
                 SELECT $1, chunk, data FROM blob_staging WHERE stage_id = $2
                 RETURNING octet_length(data) AS bytes
               ) SELECT coalesce(sum(bytes), 0)::text AS bytes FROM moved`,
              [hash, stageId],
            )
            if (Number(moved.rows[0]?.bytes) !== size) {
              throw new Error('the staged bytes were lost (did the database restart?)')
            }
          }
          await client.query('DELETE FROM blob_staging WHERE stage_id = $1', [stageId])
          const added =
            (
              await client.query(
                `INSERT INTO group_blobs (group_id, hash) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING`,
                [groupId, hash],
              )
            ).rowCount === 1
          if (source !== undefined) {
            await client.query(
              'INSERT INTO blob_sources (source, hash) VALUES ($1, $2) ON CONFLICT DO NOTHING',
              [source, hash],
            )
          }
          return { added, created }
        })
      } catch (error) {
        await unstage().catch(() => undefined)
        throw error
      }
    },
  }
}
