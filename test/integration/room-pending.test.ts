import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../server/protocol'
import { Room } from '../../server/room'
import { CLOSE_CODES } from '../../server/room-member'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { FakeMember } from '../helpers/fake-member'
import { connectSyncClient, itemsOf, openRawSyncSocket } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'

/** An update that builds on changes the server never got, so Yjs can only park it. */
function updateWithMissingDependency(): Uint8Array {
  const unseen = new Y.Doc()
  unseen.getArray<string>('items').push(['never sent'])
  const builder = new Y.Doc()
  Y.applyUpdate(builder, Y.encodeStateAsUpdate(unseen))
  builder.getArray<string>('items').push(['built on it'])
  return Y.encodeStateAsUpdate(builder, Y.encodeStateVector(unseen))
}

describe('updates the room cannot attach', () => {
  it('are refused and never reach a joiner or a snapshot, so the group stays readable', async () => {
    const dataDir = await useTempDir()
    const sqlite = createSqliteStore({ dataDir })
    onTestFinished(() => sqlite.close())
    const { server } = await startTestServer({ dataDir, store: sqlite, idleUnloadMs: 50 })
    const keys = createGroupKeys()
    const honest = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    honest.doc.getArray<string>('items').push(['precious'])
    let stored = 0
    for (let tries = 0; stored === 0 && tries < 500; tries++) {
      stored = (await sqlite.load(keys.groupId)).length
      if (stored === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(stored).toBeGreaterThan(0)

    const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
    socket.send(encodeUpdate(updateWithMissingDependency()))
    // Its sync step 2, where a stock client's offline edits come, does not bring what it lacks.
    socket.send(encodeSyncStep2(new Y.Doc(), new Uint8Array([0])))
    expect(await closeCode).toBe(CLOSE_CODES.invalidData)

    // Everyone leaves: the room unloads and compacts what it stored.
    honest.close()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const rows = await sqlite.load(keys.groupId)
    const rebuilt = new Y.Doc()
    for (const row of rows) Y.applyUpdate(rebuilt, row)
    expect(rebuilt.store.pendingStructs).toBeNull()
    expect(itemsOf(rebuilt)).toEqual(['precious'])

    const joiner = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    expect(itemsOf(joiner.doc)).toEqual(['precious'])
    expect(joiner.doc.store.pendingStructs).toBeNull()
    joiner.close()
  })
})

describe('an update sent while its sender syncs', () => {
  async function room(parkedMs: number) {
    const sqlite = createSqliteStore({ dataDir: await useTempDir() })
    onTestFinished(() => sqlite.close())
    const { groupId } = createGroupKeys()
    return new Room({
      groupId,
      store: sqlite,
      log: () => {},
      idleUnloadMs: 60_000,
      onClosed: () => {},
      parkedMs,
    })
  }

  it('waits for the sync step 2 that brings what it builds on, and nobody is disconnected', async () => {
    const home = await room(60_000)
    const writer = new FakeMember()
    const other = new FakeMember()
    home.join(writer)
    home.join(other)
    await home.settled()
    // Offline, the writer edited; back online, an edit of its goes out before its step 2.
    writer.doc.getArray<string>('items').push(['typed offline'])
    const before = Y.encodeStateVector(writer.doc)
    writer.doc.getArray<string>('items').push(['typed as it reconnected'])
    home.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(writer.doc, before)))
    await home.settled()
    expect(itemsOf(other.doc)).toEqual([])
    home.receive(writer, encodeSyncStep2(writer.doc, Y.encodeStateVector(new Y.Doc())))
    await home.settled()
    expect(itemsOf(other.doc)).toEqual(['typed offline', 'typed as it reconnected'])
    expect([writer.closedWith, other.closedWith]).toEqual([undefined, undefined])
  })

  it('is dropped, and its sender refused, if what it builds on never comes', async () => {
    const home = await room(30)
    const writer = new FakeMember()
    home.join(writer)
    await home.settled()
    home.receive(writer, encodeUpdate(updateWithMissingDependency()))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await home.settled()
    expect(writer.closedWith).toBe(CLOSE_CODES.invalidData)
    const joiner = new FakeMember()
    home.join(joiner)
    home.receive(joiner, encodeSyncStep1(joiner.doc))
    await home.settled()
    expect(joiner.doc.store.pendingStructs).toBeNull()
    expect(itemsOf(joiner.doc)).toEqual([])
  })
})

describe('shutdown', () => {
  it('stores the frames members sent just before it', async () => {
    const dataDir = await useTempDir()
    const sqlite = createSqliteStore({ dataDir })
    onTestFinished(() => sqlite.close())
    const { groupId } = createGroupKeys()
    const room = new Room({
      groupId,
      store: sqlite,
      log: () => {},
      idleUnloadMs: 60_000,
      onClosed: () => {},
    })
    const writer = new FakeMember()
    room.join(writer)
    await room.settled()
    writer.doc.getArray<string>('items').push(['sent as the server stops'])
    room.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(writer.doc)))
    await room.shutdown()
    expect(writer.closedWith).toBe(CLOSE_CODES.goingAway)
    const stored = new Y.Doc()
    for (const row of await sqlite.load(groupId)) Y.applyUpdate(stored, row)
    expect(itemsOf(stored)).toEqual(['sent as the server stops'])
  })
})
