import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, mkdirSync, rmSync } from 'node:fs'
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { openBlobIndex, type BlobIndex } from './blob-index'
import {
  BlobTooLargeError,
  PEEK_BYTES,
  isBlobHash,
  lastBytes,
  type BlobStore,
  type StagedBlob,
} from './blob-store'

/** Options of {@link createFileBlobStore}. */
export interface FileBlobStoreOptions {
  /** The blob directory; created if missing. The server's default is `<dataDir>/blobs`. */
  dir: string
}

/** Staged bytes live here until committed; what a crash left is removed when next opened. */
const STAGING = 'staging'

/** Flushes a directory's entries (a rename or a new file in it) to disk. */
async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** True when `path` exists. */
async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/**
 * A {@link BlobStore} of plain files: blob `abcd…` is `<dir>/ab/abcd…`, written to
 * `<dir>/staging/` first, fsynced, renamed into place and its directory fsynced, so a file under
 * a hash name is always whole. The index (`<dir>/blobs.sqlite`, `server/store/blob-index.ts`)
 * is written after the file, so it never names a blob that is not on disk; a crash in between
 * leaves a file nobody holds, which the next commit of the same bytes adopts.
 */
export function createFileBlobStore(options: FileBlobStoreOptions): BlobStore {
  const dir = options.dir
  const staging = join(dir, STAGING)
  const pathOf = (hash: string) => join(dir, hash.slice(0, 2), hash)
  let opened: BlobIndex | undefined
  let closed = false
  // Opened on first use, so a server whose members attach no PDF never pays for it at start.
  const live = (): BlobIndex => {
    if (closed) throw new Error('blob store closed')
    if (opened) return opened
    mkdirSync(dir, { recursive: true })
    rmSync(staging, { recursive: true, force: true })
    mkdirSync(staging)
    opened = openBlobIndex(dir)
    return opened
  }

  async function place(tempPath: string, hash: string): Promise<void> {
    const path = pathOf(hash)
    // Another group's copy, or a file a crash left before its index row: the same bytes.
    if (await exists(path)) return void (await unlink(tempPath))
    const created = await mkdir(dirname(path), { recursive: true })
    if (created !== undefined) await syncDir(dir)
    await rename(tempPath, path)
    await syncDir(dirname(path))
  }

  async function stage(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const index = live()
    const tempPath = join(staging, `${randomUUID()}.part`)
    const handle = await open(tempPath, 'wx')
    const hasher = createHash('sha256')
    let size = 0
    let head: Uint8Array = new Uint8Array(0)
    let tail: Uint8Array = new Uint8Array(0)
    try {
      for await (const chunk of body) {
        size += chunk.byteLength
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes)
        hasher.update(chunk)
        if (head.byteLength < PEEK_BYTES) {
          head = Buffer.concat([head, chunk.subarray(0, PEEK_BYTES - head.byteLength)])
        }
        tail = lastBytes(tail, chunk, PEEK_BYTES)
        await handle.write(chunk)
      }
      await handle.sync()
    } catch (error) {
      await handle.close()
      await unlink(tempPath)
      throw error
    }
    await handle.close()
    const hash = hasher.digest('hex')
    let settled = false
    const discard = async () => {
      if (settled) return
      settled = true
      await unlink(tempPath).catch(() => undefined)
    }
    return {
      hash,
      size,
      head: new Uint8Array(head),
      tail,
      discard,
      async commit(groupId, source) {
        live()
        if (settled) throw new Error('staged blob already committed or discarded')
        settled = true
        await place(tempPath, hash)
        const done = index.record(groupId, { hash, size }, source)
        return { added: done.groupAdded, created: done.blobCreated }
      },
    }
  }

  return {
    stage: (body, { maxBytes }) => stage(body, maxBytes),
    stat: async (groupId, hash) => {
      const index = live()
      return isBlobHash(hash) ? index.stat(groupId, hash) : undefined
    },
    grant: async (groupId, hash) => {
      const index = live()
      const added = isBlobHash(hash) ? index.grant(groupId, hash) : undefined
      return added === undefined ? { held: false } : { held: true, added }
    },
    read: (hash, range) => {
      live()
      if (!isBlobHash(hash)) throw new Error('not a blob hash')
      return createReadStream(pathOf(hash), range)
    },
    sourceOf: async (source) => live().sourceOf(source),
    close: async () => {
      if (closed) return
      closed = true
      opened?.close()
    },
  }
}
