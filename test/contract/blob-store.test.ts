import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createFileBlobStore } from '../../server/store/blob-file-store'
import { BlobTooLargeError, type BlobStore } from '../../server/store/blob-store'
import { createPostgresBlobStore } from '../../server/store/postgres-blob-store'
import { sha256Hex } from '../fixtures/pdf'
import { createDatabase, usePostgres } from '../helpers/postgres-server'
import { useTempDir } from '../helpers/temp-dir'

/**
 * One place where a blob store keeps its bytes. `open` may be called again after the previous
 * store was closed and must then see what it committed; `staged` counts staged bodies not yet
 * committed or discarded (what a refused upload must not leave behind).
 */
interface BlobLocation {
  open(): Promise<BlobStore>
  staged(): Promise<number>
}

/** Chunk size the PostgreSQL location uses, small so that test blobs span several chunks. */
const CHUNK = 1000

/** `bytes` in pieces of `size`, as a request body arrives. */
function body(bytes: Uint8Array, size = 333): AsyncIterable<Uint8Array> {
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  )
}

/** A body that fails after its first piece, as an aborted upload does. */
async function* failingBody(): AsyncIterable<Uint8Array> {
  yield randomBytes(CHUNK * 2)
  throw new Error('upload aborted')
}

/** Everything a read stream yields. */
async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return buffer(stream as AsyncIterable<Uint8Array>)
}

/**
 * The BlobStore contract beyond the basics of test/integration/blob-store.test.ts: chunked
 * ranges, refused and failed uploads leaving nothing, durability. Run once per implementation.
 */
function blobStoreContract(name: string, newLocation: () => Promise<BlobLocation>): void {
  describe(`BlobStore contract: ${name}`, () => {
    async function openStore() {
      const location = await newLocation()
      const store = await location.open()
      onTestFinished(() => store.close())
      return { location, store }
    }

    it('reads a blob of several chunks whole and by any range, both ends included', async () => {
      const { store } = await openStore()
      const bytes = randomBytes(CHUNK * 3 + 517)
      const staged = await store.stage(body(bytes), { maxBytes: bytes.byteLength })
      await staged.commit('group-a')
      expect((await bytesOf(store.read(staged.hash))).equals(bytes)).toBe(true)
      const ranges = [
        [0, 0],
        [10, 20],
        [CHUNK - 1, CHUNK],
        [CHUNK, 2 * CHUNK - 1],
        [CHUNK - 5, 3 * CHUNK + 5],
        [3 * CHUNK, bytes.byteLength - 1],
        [bytes.byteLength - 1, bytes.byteLength - 1],
      ] as const
      for (const [start, end] of ranges) {
        const read = await bytesOf(store.read(staged.hash, { start, end }))
        expect(read.equals(bytes.subarray(start, end + 1)), `${start}-${end}`).toBe(true)
      }
    })

    it('stores an empty blob', async () => {
      const { store } = await openStore()
      const staged = await store.stage(body(new Uint8Array(0)), { maxBytes: 10 })
      expect(await staged.commit('group-a')).toEqual({ added: true, created: true })
      expect(await store.stat('group-a', staged.hash)).toEqual({ hash: staged.hash, size: 0 })
      expect((await bytesOf(store.read(staged.hash))).byteLength).toBe(0)
    })

    it('keeps staged bytes until a commit or a discard, and then nothing staged', async () => {
      const { location, store } = await openStore()
      const kept = await store.stage(body(randomBytes(CHUNK * 2)), { maxBytes: 1e6 })
      const dropped = await store.stage(body(randomBytes(CHUNK * 2)), { maxBytes: 1e6 })
      expect(await location.staged()).toBe(2)
      await kept.commit('group-a')
      await dropped.discard()
      expect(await location.staged()).toBe(0)
      expect(await store.stat('group-a', kept.hash)).toBeDefined()
      expect(await store.stat('group-a', dropped.hash)).toBeUndefined()
    })

    it('leaves nothing of a body past maxBytes, and takes the whole of it later', async () => {
      const { location, store } = await openStore()
      const bytes = randomBytes(CHUNK * 5)
      await expect(store.stage(body(bytes), { maxBytes: CHUNK * 4 })).rejects.toBeInstanceOf(
        BlobTooLargeError,
      )
      expect(await location.staged()).toBe(0)
      const hash = sha256Hex(bytes)
      expect(await store.grant('group-a', hash)).toEqual({ held: false })
      const whole = await store.stage(body(bytes), { maxBytes: CHUNK * 5 })
      expect(await whole.commit('group-a')).toEqual({ added: true, created: true })
      expect((await bytesOf(store.read(hash))).equals(bytes)).toBe(true)
    })

    it('rejects with the error of a body that fails, and leaves nothing', async () => {
      const { location, store } = await openStore()
      await expect(store.stage(failingBody(), { maxBytes: 1e6 })).rejects.toThrow('upload aborted')
      expect(await location.staged()).toBe(0)
    })

    it('holds a blob per group, the bytes once', async () => {
      const { store } = await openStore()
      const bytes = randomBytes(CHUNK + 1)
      const first = await store.stage(body(bytes), { maxBytes: 1e6 })
      const second = await store.stage(body(bytes), { maxBytes: 1e6 })
      expect(await first.commit('group-a')).toEqual({ added: true, created: true })
      expect(await store.stat('group-b', first.hash)).toBeUndefined()
      expect(await second.commit('group-b')).toEqual({ added: true, created: false })
      for (const group of ['group-a', 'group-b']) {
        expect(await store.stat(group, first.hash)).toEqual({ hash: first.hash, size: CHUNK + 1 })
      }
      expect(await store.stat('group-c', first.hash)).toBeUndefined()
      expect(await store.stat('group-a', 'not-a-hash')).toBeUndefined()
    })

    it('fails the stream when reading a blob it does not have', async () => {
      const { store } = await openStore()
      await expect(bytesOf(store.read(sha256Hex(randomBytes(8))))).rejects.toThrow()
      expect(() => store.read('../etc/passwd')).toThrow()
    })

    it('keeps what it committed across close and reopen', async () => {
      const { location, store } = await openStore()
      const bytes = randomBytes(CHUNK * 2 + 3)
      const staged = await store.stage(body(bytes), { maxBytes: 1e6 })
      await staged.commit('group-a', 'arxiv:2401.00001')
      await store.close()
      const reopened = await location.open()
      onTestFinished(() => reopened.close())
      expect(await reopened.stat('group-a', staged.hash)).toEqual({
        hash: staged.hash,
        size: bytes.byteLength,
      })
      expect(await reopened.sourceOf('arxiv:2401.00001')).toBe(staged.hash)
      expect(await reopened.grant('group-b', staged.hash)).toEqual({ held: true, added: true })
      const range = await bytesOf(reopened.read(staged.hash, { start: CHUNK - 1, end: CHUNK * 2 }))
      expect(range.equals(bytes.subarray(CHUNK - 1, CHUNK * 2 + 1))).toBe(true)
    })
  })
}

blobStoreContract('files under a directory', async () => {
  const dir = join(await useTempDir('margins-blobs-'), 'blobs')
  return {
    open: async () => createFileBlobStore({ dir }),
    staged: async () => (await readdir(join(dir, 'staging')).catch(() => [])).length,
  }
})

// One PostgreSQL server for the file, a fresh database per location.
const postgres = usePostgres()

/** A fresh database on the file's server, and a client of it closed after the test. */
async function newDatabase(): Promise<{ url: string; sql: pg.Client }> {
  const url = await createDatabase(postgres().url)
  const sql = new pg.Client({ connectionString: url })
  await sql.connect()
  onTestFinished(() => sql.end())
  return { url, sql }
}

/** Rows in the staging table (none before any store created it). */
async function stagedRows(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    "SELECT CASE WHEN to_regclass('blob_staging') IS NULL THEN 0 ELSE (SELECT count(DISTINCT stage_id)::int FROM blob_staging) END AS n",
  )
  return rows[0]?.n ?? 0
}

blobStoreContract('PostgreSQL', async () => {
  const { url, sql } = await newDatabase()
  return {
    open: async () => createPostgresBlobStore({ url, chunkBytes: CHUNK }),
    staged: () => stagedRows(sql),
  }
})

describe('PostgreSQL blob store shared by several nodes', () => {
  async function twoNodes() {
    const { url, sql } = await newDatabase()
    const nodes = [0, 1].map(() => createPostgresBlobStore({ url, chunkBytes: CHUNK }))
    onTestFinished(() => Promise.all(nodes.map((node) => node.close())).then(() => undefined))
    return { sql, nodes: nodes as [BlobStore, BlobStore] }
  }

  it('serves through one node what was uploaded through another', async () => {
    const { nodes } = await twoNodes()
    const bytes = randomBytes(CHUNK * 4)
    const staged = await nodes[0].stage(body(bytes), { maxBytes: 1e6 })
    await staged.commit('group-a', 'arxiv:2401.00002')
    expect(await nodes[1].stat('group-a', staged.hash)).toEqual({ hash: staged.hash, size: 4000 })
    expect(await nodes[1].sourceOf('arxiv:2401.00002')).toBe(staged.hash)
    expect(await nodes[1].grant('group-b', staged.hash)).toEqual({ held: true, added: true })
    expect((await bytesOf(nodes[1].read(staged.hash))).equals(bytes)).toBe(true)
  })

  it('stores the same bytes once when two nodes commit them at once', async () => {
    const { nodes } = await twoNodes()
    const bytes = randomBytes(CHUNK * 3)
    const staged = await Promise.all(
      nodes.map((node) => node.stage(body(bytes), { maxBytes: 1e6 })),
    )
    const results = await Promise.all(staged.map((blob, i) => blob.commit(`group-${i}`)))
    expect(results.map((result) => result.created).sort()).toEqual([false, true])
    expect(results.every((result) => result.added)).toBe(true)
    for (const [i, node] of nodes.entries()) {
      expect(await node.stat(`group-${i}`, sha256Hex(bytes))).toBeDefined()
      expect((await bytesOf(node.read(sha256Hex(bytes)))).equals(bytes)).toBe(true)
    }
  })

  it('fetches only the chunks a range covers', async () => {
    const { sql, nodes } = await twoNodes()
    const bytes = randomBytes(CHUNK * 3)
    const staged = await nodes[0].stage(body(bytes), { maxBytes: 1e6 })
    await staged.commit('group-a')
    // With the first chunk gone, a range in the others still reads; the whole blob does not.
    await sql.query('DELETE FROM blob_chunks WHERE chunk = 0')
    const tail = await bytesOf(
      nodes[1].read(staged.hash, { start: CHUNK + 10, end: CHUNK * 3 - 1 }),
    )
    expect(tail.equals(bytes.subarray(CHUNK + 10))).toBe(true)
    await expect(bytesOf(nodes[1].read(staged.hash))).rejects.toThrow(/missing chunk 0/)
  })

  it('refuses to commit bytes a database crash took from staging', async () => {
    const { sql, nodes } = await twoNodes()
    const staged = await nodes[0].stage(body(randomBytes(CHUNK * 2)), { maxBytes: 1e6 })
    await sql.end().catch(() => undefined)
    // Staging is unlogged: a crash empties it, and the commit must notice.
    await postgres().restart({ crash: true })
    await expect(staged.commit('group-a')).rejects.toThrow(/staged bytes were lost/)
    expect(await nodes[0].stat('group-a', staged.hash)).toBeUndefined()
    const again = await nodes[1].stage(body(randomBytes(CHUNK)), { maxBytes: 1e6 })
    expect(await again.commit('group-a')).toEqual({ added: true, created: true })
  })
})
