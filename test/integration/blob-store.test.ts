import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { createFileBlobStore } from '../../server/store/blob-file-store'
import { BlobTooLargeError, PEEK_BYTES, type BlobStore } from '../../server/store/blob-store'
import { sha256Hex } from '../fixtures/pdf'
import { useTempDir } from '../helpers/temp-dir'

const encode = (value: string) => new TextEncoder().encode(value)

/** `bytes` in chunks of `size`, as a request body arrives. */
function chunks(bytes: Uint8Array, size = 7): AsyncIterable<Uint8Array> {
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  )
}

/**
 * The `BlobStore` contract (server/store/blob-store.ts, docs/storage.md), for every
 * implementation: `make` opens a store on a fresh location.
 */
function blobStoreContract(name: string, make: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('stages bytes under their SHA-256, with their size, head and tail', async () => {
      const store = await make()
      const bytes = encode('%PDF-' + 'a'.repeat(3000) + 'middle' + 'z'.repeat(3000) + '%%EOF')
      const staged = await store.stage(chunks(bytes), { maxBytes: 10_000 })
      expect(staged.hash).toBe(sha256Hex(bytes))
      expect(staged.size).toBe(bytes.byteLength)
      expect(staged.head).toEqual(bytes.subarray(0, PEEK_BYTES))
      expect(staged.tail).toEqual(bytes.subarray(bytes.byteLength - PEEK_BYTES))
      // Nothing is visible before the commit.
      expect(await store.stat('group-a', staged.hash)).toBeUndefined()
      expect(await staged.commit('group-a')).toEqual({ added: true, created: true })
      expect(await store.stat('group-a', staged.hash)).toEqual({
        hash: staged.hash,
        size: bytes.byteLength,
      })
      expect(await text(store.read(staged.hash))).toBe(new TextDecoder().decode(bytes))
      await store.close()
    })

    it('reads a range, both ends included', async () => {
      const store = await make()
      const staged = await store.stage(chunks(encode('0123456789')), { maxBytes: 100 })
      await staged.commit('group-a')
      expect(await text(store.read(staged.hash, { start: 2, end: 5 }))).toBe('2345')
      await store.close()
    })

    it('keeps a blob per group: another group reaches it only once it commits or is granted it', async () => {
      const store = await make()
      const bytes = encode('shared bytes')
      await (await store.stage(chunks(bytes), { maxBytes: 100 })).commit('group-a')
      const hash = sha256Hex(bytes)
      expect(await store.stat('group-b', hash)).toBeUndefined()
      const again = await store.stage(chunks(bytes), { maxBytes: 100 })
      expect(await again.commit('group-b')).toEqual({ added: true, created: false })
      expect(await store.stat('group-b', hash)).toBeDefined()
      const once = await store.stage(chunks(bytes), { maxBytes: 100 })
      expect(await once.commit('group-b')).toEqual({ added: false, created: false })
      expect(await store.grant('group-c', hash)).toEqual({ held: true, added: true })
      expect(await store.grant('group-c', hash)).toEqual({ held: true, added: false })
      expect(await store.grant('group-c', sha256Hex(encode('unknown')))).toEqual({ held: false })
      await store.close()
    })

    it('remembers the source a blob was committed with; the first one wins', async () => {
      const store = await make()
      expect(await store.sourceOf('arxiv:2401.00001')).toBeUndefined()
      const first = await store.stage(chunks(encode('first')), { maxBytes: 100 })
      await first.commit('group-a', 'arxiv:2401.00001')
      const second = await store.stage(chunks(encode('second')), { maxBytes: 100 })
      await second.commit('group-b', 'arxiv:2401.00001')
      expect(await store.sourceOf('arxiv:2401.00001')).toBe(first.hash)
      await store.close()
    })

    it('refuses a body past maxBytes with BlobTooLargeError, and discards on request', async () => {
      const store = await make()
      const big = store.stage(chunks(encode('x'.repeat(101))), { maxBytes: 100 })
      await expect(big).rejects.toBeInstanceOf(BlobTooLargeError)
      const staged = await store.stage(chunks(encode('refused')), { maxBytes: 100 })
      await staged.discard()
      await staged.discard()
      await expect(staged.commit('group-a')).rejects.toThrow(/already/)
      expect(await store.stat('group-a', staged.hash)).toBeUndefined()
      await store.close()
    })

    it('rejects every call once closed; closing twice is harmless', async () => {
      const store = await make()
      await store.close()
      await store.close()
      await expect(store.stat('group-a', 'a'.repeat(64))).rejects.toThrow(/closed/)
      await expect(store.stage(chunks(encode('x')), { maxBytes: 10 })).rejects.toThrow(/closed/)
    })
  })
}

blobStoreContract('files under a directory', async () =>
  createFileBlobStore({ dir: join(await useTempDir(), 'blobs') }),
)

describe('the file blob store on disk', () => {
  it('writes one file per hash under its first two hex digits, and nothing left staged', async () => {
    const dir = join(await useTempDir(), 'blobs')
    const store = createFileBlobStore({ dir })
    const bytes = encode('on disk')
    const hash = sha256Hex(bytes)
    await (await store.stage(chunks(bytes), { maxBytes: 100 })).commit('group-a')
    await (await store.stage(chunks(bytes), { maxBytes: 100 })).commit('group-b')
    expect(await readdir(join(dir, hash.slice(0, 2)))).toEqual([hash])
    expect(await readFile(join(dir, hash.slice(0, 2), hash))).toEqual(Buffer.from(bytes))
    expect(await readdir(join(dir, 'staging'))).toEqual([])
    await store.close()
    // The index survives a reopen.
    const reopened = createFileBlobStore({ dir })
    expect(await reopened.stat('group-b', hash)).toEqual({ hash, size: bytes.byteLength })
    await reopened.close()
  })
})
