import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { encodeUpdate } from '../../server/protocol'
import { Room } from '../../server/room'
import type { CompactionPolicy } from '../../server/store/compactor'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { FakeMember } from '../helpers/fake-member'
import { gatedStore } from '../helpers/gated-store'
import { itemsOf } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

/** A room on a SQLite store seen through an open gated store, with one writer and a watcher. */
async function openRoom(compaction: Partial<CompactionPolicy>) {
  const dataDir = await useTempDir()
  const sqlite = createSqliteStore({ dataDir })
  onTestFinished(() => sqlite.close())
  const store = gatedStore(sqlite)
  store.openAll()
  const { groupId } = createGroupKeys()
  const logs: string[] = []
  const room = new Room({
    groupId,
    store,
    log: (line) => logs.push(line),
    idleUnloadMs: 60_000,
    compaction,
    onClosed: () => {},
  })
  onTestFinished(() => room.shutdown())
  const writer = new FakeMember()
  const watcher = new FakeMember()
  room.join(writer)
  room.join(watcher)
  const compactions = () => logs.filter((line) => line.includes(': compacted ')).length
  /** Sends one update from the writer, in a turn of its own, and waits until it is stored. */
  const write = async (item: string) => {
    writer.doc.getArray<string>('items').push([item])
    const update = Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(watcher.doc))
    room.receive(writer, encodeUpdate(update))
    await waitFor(`${item} to be stored`, () => itemsOf(watcher.doc).includes(item))
  }
  return { room, sqlite, store, groupId, writer, watcher, logs, compactions, write }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const items = (count: number, prefix = 'item') =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i}`)

/** The items that a new doc rebuilt from the stored rows holds. */
async function storedItems(sqlite: ReturnType<typeof createSqliteStore>, groupId: string) {
  const doc = new Y.Doc()
  for (const row of await sqlite.load(groupId)) Y.applyUpdate(doc, row)
  return itemsOf(doc)
}

describe('background compaction', () => {
  it('merges the rows into one snapshot once the room has been quiet', async () => {
    const { sqlite, groupId, write, compactions } = await openRoom({ quietMs: 150 })
    for (const item of items(5)) await write(item)
    expect(await sqlite.load(groupId)).toHaveLength(5)
    await waitFor('a compaction', () => compactions() === 1)
    expect(await sqlite.load(groupId)).toHaveLength(1)
    expect(await storedItems(sqlite, groupId)).toEqual(items(5))
  })

  it('compacts a busy room at the latest after maxDelayMs, though it is never quiet', async () => {
    const { sqlite, groupId, write, compactions } = await openRoom({
      quietMs: 200,
      maxDelayMs: 400,
    })
    const started = Date.now()
    let written = 0
    while (compactions() === 0 && Date.now() - started < 2_000) {
      await write(`item ${written++}`)
      await sleep(20)
    }
    expect(compactions()).toBe(1)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect((await sqlite.load(groupId)).length).toBeLessThan(written)
    expect(await storedItems(sqlite, groupId)).toEqual(items(written))
  })

  it('compacts at once when the rows pass maxRows', async () => {
    const { sqlite, groupId, write, compactions } = await openRoom({
      quietMs: 60_000,
      maxRows: 4,
    })
    for (const item of items(4)) await write(item)
    await sleep(50)
    expect(compactions()).toBe(0)
    await write('item 4')
    await waitFor('a compaction', () => compactions() === 1)
    expect(await sqlite.load(groupId)).toHaveLength(1)
    expect(await storedItems(sqlite, groupId)).toEqual(items(5))
  })

  it('keeps every update appended while a compaction writes, as rows after the snapshot', async () => {
    const { sqlite, store, groupId, write, compactions } = await openRoom({
      quietMs: 60_000,
      maxRows: 3,
    })
    const release = store.holdReplaces()
    for (const item of items(4)) await write(item)
    await waitFor('the compaction to reach the store', () => store.heldReplaces === 1)
    // The room goes on storing and sending while the snapshot is held.
    for (const item of items(2, 'during')) await write(item)
    release()
    await waitFor('the compaction to end', () => compactions() === 1)
    const rows = await sqlite.load(groupId)
    expect(rows).toHaveLength(3)
    expect(await storedItems(sqlite, groupId)).toEqual([...items(4), ...items(2, 'during')])
    // The tail left by the held compaction is merged by the next one.
    await write('after')
    await waitFor('a second compaction', () => compactions() === 2)
    expect(await sqlite.load(groupId)).toHaveLength(1)
  })

  it('loads a room from snapshot plus tail', async () => {
    const first = await openRoom({ quietMs: 60_000, maxRows: 2 })
    for (const item of items(3)) await first.write(item)
    await waitFor('a compaction', () => first.compactions() === 1)
    await first.write('tail')
    const { updates } = await first.sqlite.read(first.groupId)
    expect(updates).toHaveLength(2)

    const again = new Room({
      groupId: first.groupId,
      store: first.sqlite,
      log: () => {},
      idleUnloadMs: 60_000,
      onClosed: () => {},
    })
    onTestFinished(() => again.shutdown())
    const reader = new FakeMember()
    again.join(reader)
    await again.settled()
    expect(itemsOf(again.doc)).toEqual([...items(3), 'tail'])
  })

  it('unloads with one row and no timer left behind', async () => {
    const { room, sqlite, groupId, write, writer, watcher, store } = await openRoom({
      quietMs: 60_000,
    })
    for (const item of items(3)) await write(item)
    const timers = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length
    room.leave(writer)
    room.leave(watcher)
    await room.shutdown()
    expect(store.calls.filter((call) => call === 'replace')).toHaveLength(1)
    expect(await sqlite.load(groupId)).toHaveLength(1)
    expect(await storedItems(sqlite, groupId)).toEqual(items(3))
    const after = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length
    // The quiet timer, the maximum-delay timer and the idle timer are all gone.
    expect(after).toBeLessThanOrEqual(timers - 2)
  })
})
