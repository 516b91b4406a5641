import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { COMPACT_AT_ROWS, persistLocally } from '../../client/data/local-store'

let databases = 0
/** A database name no other test uses. */
const freshName = () => `local-store-test-${++databases}`

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

async function withDatabase<T>(name: string, use: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await request(indexedDB.open(name))
  try {
    return await use(db)
  } finally {
    db.close()
  }
}

const rows = (name: string) =>
  withDatabase(name, (db) =>
    request(db.transaction('updates').objectStore('updates').getAll() as IDBRequest<unknown[]>),
  )

const addRow = (name: string, row: unknown) =>
  withDatabase(name, (db) =>
    request(db.transaction('updates', 'readwrite').objectStore('updates').add(row)),
  )

/** Opens `name` into a new document, waits for it to load, and closes the store again. */
async function load(name: string, edit?: (doc: Y.Doc) => void) {
  const doc = new Y.Doc()
  const store = persistLocally(name, doc)
  await store.whenSynced
  edit?.(doc)
  const recovered = await store.recovered
  await store.destroy()
  return { text: doc.getText('notes').toString(), recovered }
}

describe('persistLocally', () => {
  it('brings back what was written, and says nothing was lost', async () => {
    const name = freshName()
    await load(name, (doc) => doc.getText('notes').insert(0, 'kept'))
    expect(await load(name)).toEqual({ text: 'kept', recovered: false })
  })

  it.each([
    ['a row of garbage bytes', new Uint8Array(64).map((_, i) => (i * 73 + 250) % 256)],
    ['a row that is not bytes', { not: 'an update' }],
    ['a row cut short', Y.encodeStateAsUpdate(new Y.Doc()).slice(0, 1)],
  ])('keeps the readable rows past %s, says so, and loads whole the next time', async (_, bad) => {
    const name = freshName()
    await load(name, (doc) => doc.getText('notes').insert(0, 'before'))
    await addRow(name, bad)
    const after = new Y.Doc()
    after.getText('notes').insert(0, 'after ')
    await addRow(name, Y.encodeStateAsUpdate(after))

    const first = await load(name)
    expect(first.recovered).toBe(true)
    expect(first.text).toContain('before')
    expect(first.text).toContain('after')
    expect((await rows(name)).every((row) => row instanceof Uint8Array)).toBe(true)
    expect(await load(name)).toEqual({ text: first.text, recovered: false })
  })

  it('starts again from an empty copy when the database has lost its stores', async () => {
    const name = freshName()
    await withDatabase(name, async () => undefined)
    expect(await load(name)).toEqual({ text: '', recovered: true })
    await load(name, (doc) => doc.getText('notes').insert(0, 'kept'))
    expect(await load(name)).toEqual({ text: 'kept', recovered: false })
  })

  it('keeps edits made before the database has opened, even when closed at once', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = persistLocally(name, doc)
    doc.getText('notes').insert(0, 'early')
    await store.destroy()
    expect(await load(name)).toEqual({ text: 'early', recovered: false })
  })

  it('adds no row when the document is only read', async () => {
    const name = freshName()
    await load(name, (doc) => doc.getText('notes').insert(0, 'kept'))
    const stored = (await rows(name)).length
    await load(name)
    await load(name)
    expect((await rows(name)).length).toBe(stored)
    expect(await load(name)).toEqual({ text: 'kept', recovered: false })
  })

  it('merges the rows into one a while after a load that finds many', async () => {
    const name = freshName()
    for (let i = 0; i < COMPACT_AT_ROWS; i++) {
      await load(name, (doc) => doc.getText('notes').insert(0, `${i}`))
    }
    expect((await rows(name)).length).toBeGreaterThanOrEqual(COMPACT_AT_ROWS)
    const doc = new Y.Doc()
    const store = persistLocally(name, doc)
    await store.whenSynced
    await expect.poll(async () => (await rows(name)).length, { timeout: 5_000 }).toBe(1)
    await store.destroy()
    expect(await load(name)).toEqual({ text: '9876543210', recovered: false })
  })

  it('keeps what another tab stored when it merges the rows', async () => {
    const name = freshName()
    for (let i = 0; i < COMPACT_AT_ROWS; i++) {
      await load(name, (doc) => doc.getText('notes').insert(0, `${i}`))
    }
    // Two tabs of the group, offline: neither sees the other's edits but through the database.
    const mine = new Y.Doc()
    const merging = persistLocally(name, mine)
    const other = new Y.Doc()
    const otherTab = persistLocally(name, other)
    await Promise.all([merging.whenSynced, otherTab.whenSynced])
    other.getText('notes').insert(0, 'other tab ')
    await otherTab.destroy()
    await expect.poll(async () => (await rows(name)).length, { timeout: 5_000 }).toBe(1)
    await merging.destroy()
    expect((await load(name)).text).toBe('other tab 9876543210')
  })
})
