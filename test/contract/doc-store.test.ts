import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from '../../server/store/doc-store'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { useTempDir } from '../helpers/temp-dir'

/**
 * One place where a store keeps its data. `open` may be called again after the previous store
 * was closed, and must then see what that store wrote: that is what durability means here.
 * `compactAfterRows` asks the implementation to compact early so the test can cross it.
 */
interface StoreLocation {
  open(options?: { compactAfterRows?: number }): Promise<DocStore>
}

const GROUP_A = 'AAAAAAAAAAAAAAAAAAAAAA'
const GROUP_B = 'BBBBBBBBBBBBBBBBBBBBBB'

/** A Yjs update that adds `text` to the array `items` of a new client. */
function itemUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray<string>('items').push([text])
  return Y.encodeStateAsUpdate(doc)
}

/** The sorted `items` of the doc that the stored updates rebuild. */
function itemsOf(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  const items = doc.getArray<string>('items').toArray().sort()
  doc.destroy()
  return items
}

/** The DocStore contract: run once per implementation with a factory of fresh locations. */
function docStoreContract(name: string, newLocation: () => Promise<StoreLocation>): void {
  describe(`DocStore contract: ${name}`, () => {
    async function openStore(options?: { compactAfterRows?: number }) {
      const location = await newLocation()
      const store = await location.open(options)
      onTestFinished(() => store.close())
      return { location, store }
    }

    it('loads a group never written as no updates', async () => {
      const { store } = await openStore()
      expect(await store.load(GROUP_A)).toEqual([])
    })

    it('returns appended updates byte for byte, in append order', async () => {
      const { store } = await openStore()
      const updates = [new Uint8Array([0, 1, 2, 0]), new Uint8Array([255]), itemUpdate('x')]
      for (const update of updates) await store.append(GROUP_A, update)
      expect(await store.load(GROUP_A)).toEqual(updates)
    })

    it('keeps the call order of concurrent appends', async () => {
      const { store } = await openStore()
      const updates = Array.from({ length: 20 }, (_, i) => new Uint8Array([i, i + 1]))
      await Promise.all(updates.map((update) => store.append(GROUP_A, update)))
      expect(await store.load(GROUP_A)).toEqual(updates)
    })

    it('keeps groups apart', async () => {
      const { store } = await openStore()
      await store.append(GROUP_A, itemUpdate('a'))
      await store.append(GROUP_B, itemUpdate('b'))
      expect(itemsOf(await store.load(GROUP_A))).toEqual(['a'])
      expect(itemsOf(await store.load(GROUP_B))).toEqual(['b'])
    })

    it('stores a large update intact', async () => {
      const { store } = await openStore()
      const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) % 256)
      await store.append(GROUP_A, big)
      const [loaded, ...rest] = await store.load(GROUP_A)
      expect(rest).toEqual([])
      // Buffer.equals, because a deep equality over 2 MiB element by element takes seconds.
      expect(loaded && Buffer.from(loaded).equals(big)).toBe(true)
    })

    it('replace swaps every row of one group for the merged state, and only that group', async () => {
      const { store } = await openStore()
      const updates = ['a', 'b', 'c'].map(itemUpdate)
      for (const update of updates) await store.append(GROUP_A, update)
      await store.append(GROUP_B, itemUpdate('other'))
      const merged = Y.mergeUpdates(updates)
      await store.replace(GROUP_A, merged)
      expect(await store.load(GROUP_A)).toEqual([merged])
      expect(itemsOf(await store.load(GROUP_B))).toEqual(['other'])
    })

    it('appends after a replace come after the merged state', async () => {
      const { store } = await openStore()
      await store.append(GROUP_A, itemUpdate('a'))
      const state = Y.mergeUpdates(await store.load(GROUP_A))
      await store.replace(GROUP_A, state)
      const later = itemUpdate('b')
      await store.append(GROUP_A, later)
      expect(await store.load(GROUP_A)).toEqual([state, later])
    })

    it('replace works on a group never written', async () => {
      const { store } = await openStore()
      const state = itemUpdate('seed')
      await store.replace(GROUP_A, state)
      expect(await store.load(GROUP_A)).toEqual([state])
    })

    it('keeps the content of a group past its own compaction threshold', async () => {
      const { store } = await openStore({ compactAfterRows: 5 })
      const texts = Array.from({ length: 23 }, (_, i) => `item-${String(i).padStart(2, '0')}`)
      for (const text of texts) await store.append(GROUP_A, itemUpdate(text))
      const rows = await store.load(GROUP_A)
      expect(itemsOf(rows)).toEqual(texts)
      expect(rows.length).toBeLessThanOrEqual(23)
    })

    it('keeps what it acknowledged across close and reopen', async () => {
      const { location, store } = await openStore()
      await store.append(GROUP_A, itemUpdate('a'))
      await store.replace(GROUP_B, itemUpdate('b'))
      await store.append(GROUP_A, itemUpdate('c'))
      await store.close()
      const reopened = await location.open()
      onTestFinished(() => reopened.close())
      expect(itemsOf(await reopened.load(GROUP_A))).toEqual(['a', 'c'])
      expect(itemsOf(await reopened.load(GROUP_B))).toEqual(['b'])
    })

    it('rejects calls after close, and a second close is harmless', async () => {
      const { store } = await openStore()
      await store.close()
      await expect(store.append(GROUP_A, itemUpdate('late'))).rejects.toThrow()
      await expect(store.load(GROUP_A)).rejects.toThrow()
      await expect(store.close()).resolves.toBeUndefined()
    })
  })
}

docStoreContract('SQLite', async () => {
  const dataDir = await useTempDir('margins-store-')
  return { open: async (options) => createSqliteStore({ dataDir, ...options }) }
})
