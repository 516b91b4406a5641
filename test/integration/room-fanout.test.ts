import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { encodeUpdate } from '../../server/protocol'
import { CLOSE_CODES } from '../../server/room-member'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { connectSyncClient, itemsOf, openRawSyncSocket } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { watchUpdates } from '../helpers/update-watcher'
import { waitFor } from '../helpers/wait-for'

/** A server on a SQLite store the test can read, and a fresh group. */
async function startServer() {
  const dataDir = await useTempDir()
  const sqlite = createSqliteStore({ dataDir })
  onTestFinished(() => sqlite.close())
  const { server } = await startTestServer({ dataDir, store: sqlite, idleUnloadMs: 60_000 })
  return { server, sqlite, keys: createGroupKeys() }
}

/** The items the stored rows of a group rebuild, sorted. */
async function storedItems(sqlite: ReturnType<typeof createSqliteStore>, groupId: string) {
  const doc = new Y.Doc()
  for (const row of await sqlite.load(groupId)) Y.applyUpdate(doc, row)
  return itemsOf(doc).sort()
}

const sorted = (items: string[]) => [...items].sort()

describe('merged fan-out', () => {
  it('sends a burst of updates from one client as fewer messages, stored as fewer rows', async () => {
    const { server, sqlite, keys } = await startServer()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await watchUpdates(server.url, keys.groupId, keys.writeKey)
    const burst = Array.from({ length: 100 }, (_, i) => `item ${i}`)
    // One transaction, hence one update message, per push; all sent in one turn.
    for (const item of burst) writer.doc.getArray<string>('items').push([item])

    await waitFor('the watcher to converge', () => itemsOf(watcher.doc).length === burst.length)
    expect(itemsOf(watcher.doc)).toEqual(burst)
    expect(watcher.updateFrames).toBeGreaterThan(0)
    expect(watcher.updateFrames).toBeLessThan(burst.length)
    const rows = await sqlite.load(keys.groupId)
    expect(rows.length).toBeLessThan(burst.length)
    expect(await storedItems(sqlite, keys.groupId)).toEqual(sorted(burst))
  })

  it('merges a burst from several clients, and every member converges', async () => {
    const { server, sqlite, keys } = await startServer()
    const writers = await Promise.all(
      [0, 1, 2].map(() => connectSyncClient(server.url, keys.groupId, keys.writeKey)),
    )
    const watcher = await watchUpdates(server.url, keys.groupId, keys.writeKey)
    const all: string[] = []
    for (let i = 0; i < 30; i++) {
      writers.forEach((writer, w) => {
        const item = `writer ${w} item ${i}`
        all.push(item)
        writer.doc.getArray<string>('items').push([item])
      })
    }

    const everyone = [...writers.map((writer) => writer.doc), watcher.doc]
    await waitFor('everyone to converge', () =>
      everyone.every((doc) => itemsOf(doc).length === all.length),
    )
    const expected = sorted(all)
    for (const doc of everyone) expect(sorted(itemsOf(doc))).toEqual(expected)
    // The same order everywhere: one document, not four lookalikes.
    for (const doc of everyone) expect(itemsOf(doc)).toEqual(itemsOf(watcher.doc))
    expect(watcher.updateFrames).toBeLessThan(all.length)
    expect(await storedItems(sqlite, keys.groupId)).toEqual(expected)
  })

  it('refuses a malformed update in a burst with 1007 before it touches the room', async () => {
    const { server, sqlite, keys } = await startServer()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await watchUpdates(server.url, keys.groupId, keys.writeKey)
    const closes: number[] = []
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
    const bad = new Y.Doc()
    bad.getArray<string>('items').push(['from the bad update'])
    const update = Y.encodeStateAsUpdate(bad)
    // A well-formed frame whose update is cut short: only decoding the update itself shows it.
    const malformed = encodeUpdate(update.subarray(0, update.length - 2))
    expect(() => Y.decodeUpdate(update.subarray(0, update.length - 2))).toThrow()

    const burst = Array.from({ length: 20 }, (_, i) => `item ${i}`)
    socket.send(encodeUpdate(Y.encodeStateAsUpdate(new Y.Doc())))
    for (const item of burst.slice(0, 10)) writer.doc.getArray<string>('items').push([item])
    socket.send(malformed)
    for (const item of burst.slice(10)) writer.doc.getArray<string>('items').push([item])

    expect(await closeCode).toBe(CLOSE_CODES.invalidData)
    await waitFor('the watcher to converge', () => itemsOf(watcher.doc).length === burst.length)
    expect(itemsOf(watcher.doc)).toEqual(burst)
    expect(await storedItems(sqlite, keys.groupId)).toEqual(sorted(burst))
    expect(closes).toEqual([])
    writer.doc.getArray<string>('items').push(['after'])
    await waitFor('the room to go on', () => itemsOf(watcher.doc).includes('after'))
  })
})
