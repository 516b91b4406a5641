import { isSha256 } from '../../shared/model/validate'

/**
 * Durable storage of opaque files (a group's PDFs), content-addressed: a blob's name is the
 * SHA-256 of its bytes in lowercase hex, so the same file held by several groups is stored once.
 * The store also records which group holds which blob, so that a group reaches only the blobs it
 * added itself. `docs/storage.md` describes the contract; `server/store/blob-file-store.ts` is
 * the default implementation (files under the data directory, an SQLite index beside them).
 */
export interface BlobStore {
  /**
   * Reads `body` to its end into a staging area, hashing it on the way, and resolves with what
   * was read. Nothing is visible under the hash until {@link StagedBlob.commit}. Past `maxBytes`
   * it stops reading, removes what it staged and rejects with a {@link BlobTooLargeError}; if
   * `body` fails, it removes what it staged and rejects with that error.
   */
  stage(body: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StagedBlob>

  /** The blob `hash` as `groupId` holds it; undefined when that group has not added it. */
  stat(groupId: string, hash: string): Promise<BlobInfo | undefined>

  /**
   * Adds a blob the store already holds to `groupId`'s blobs; resolves with whether the group
   * holds it now (false: the store has no such blob).
   */
  grant(groupId: string, hash: string): Promise<GrantResult>

  /**
   * The bytes of blob `hash` from `start` to `end` inclusive (the whole blob when omitted), for
   * a caller that has checked `stat` first. Throws when the store has no such blob.
   */
  read(hash: string, range?: { start: number; end: number }): NodeJS.ReadableStream

  /**
   * The hash that `source` (a name such as `arxiv:2401.00001`) was stored under by a commit, if
   * any: lets a server keep one copy of an upstream file whoever asks for it.
   */
  sourceOf(source: string): Promise<string | undefined>

  /** Releases the store; later calls reject. Safe to call twice. */
  close(): Promise<void>
}

/** A stored blob. */
export interface BlobInfo {
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  hash: string
  size: number
}

/** The outcome of {@link BlobStore.grant}. */
export type GrantResult = { held: true; added: boolean } | { held: false }

/** Bytes read by {@link BlobStore.stage}, waiting to be committed or discarded. */
export interface StagedBlob extends BlobInfo {
  /** The first bytes (up to {@link PEEK_BYTES}), for a type check before committing. */
  head: Uint8Array
  /** The last bytes (up to {@link PEEK_BYTES}). */
  tail: Uint8Array
  /**
   * Makes the blob durable under its hash (a crash never leaves a partial file under that name)
   * and adds it to `groupId`'s blobs; with `source`, also records that name for it. Resolves
   * once all of it survives a crash.
   */
  commit(groupId: string, source?: string): Promise<CommitResult>
  /** Removes the staged bytes. Harmless after `commit` or a second time. */
  discard(): Promise<void>
}

/** What a commit changed. */
export interface CommitResult {
  /** True when `groupId` did not hold the blob before. */
  added: boolean
  /** True when the store did not hold the bytes before (no other group had them either). */
  created: boolean
}

/** How many bytes of each end of a staged blob {@link StagedBlob} keeps for type checks. */
export const PEEK_BYTES = 1024

/** Keeps the last `limit` bytes of what it is given: a staged blob's tail, chunk by chunk. */
export function lastBytes(previous: Uint8Array, chunk: Uint8Array, limit: number): Uint8Array {
  if (chunk.byteLength >= limit) return chunk.slice(chunk.byteLength - limit)
  const joined = new Uint8Array(Math.min(limit, previous.byteLength + chunk.byteLength))
  const keep = joined.byteLength - chunk.byteLength
  joined.set(previous.subarray(previous.byteLength - keep), 0)
  joined.set(chunk, keep)
  return joined
}

/** True when `value` is a blob name: a SHA-256 as 64 lowercase hex digits. */
export const isBlobHash: (value: string) => boolean = isSha256

/** Thrown by {@link BlobStore.stage} when the body is longer than allowed. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`)
    this.name = 'BlobTooLargeError'
  }
}
