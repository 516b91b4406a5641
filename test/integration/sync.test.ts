import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

describe('sync between stock y-websocket clients', () => {
  it('makes two clients converge, edits from both sides included', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const a = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const b = await connectSyncClient(server.url, keys.groupId, keys.writeKey)

    a.doc.getArray<string>('items').push(['from a'])
    b.doc.getArray<string>('items').push(['from b'])
    await waitFor('both edits on both sides', () =>
      [a, b].every((client) => itemsOf(client.doc).length === 2),
    )
    expect(itemsOf(a.doc)).toEqual(itemsOf(b.doc))
    expect(itemsOf(a.doc).sort()).toEqual(['from a', 'from b'])
  })

  it('gives a client that joins later everything, including what it edited offline', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const a = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    a.doc.getArray<string>('items').push(['one', 'two'])

    const offline = new Y.Doc()
    offline.getArray<string>('items').push(['written offline'])
    const late = await connectSyncClient(server.url, keys.groupId, keys.writeKey, { doc: offline })
    await waitFor('the late client to catch up', () => itemsOf(late.doc).length === 3)
    await waitFor('the offline edit to reach a', () => itemsOf(a.doc).length === 3)
    expect(itemsOf(a.doc)).toEqual(itemsOf(late.doc))
  })

  it('keeps groups apart', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const one = createGroupKeys()
    const two = createGroupKeys()
    const a = await connectSyncClient(server.url, one.groupId, one.writeKey)
    const b = await connectSyncClient(server.url, two.groupId, two.writeKey)
    a.doc.getArray<string>('items').push(['only in one'])
    const a2 = await connectSyncClient(server.url, one.groupId, one.writeKey)
    await waitFor('the edit within group one', () => itemsOf(a2.doc).length === 1)
    expect(itemsOf(b.doc)).toEqual([])
  })

  it('keeps every update across a restart on the same data dir, after the last client left', async () => {
    const dataDir = await useTempDir()
    const keys = createGroupKeys()
    const first = await startTestServer({ dataDir })
    const writer = await connectSyncClient(first.server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(first.server.url, keys.groupId, keys.writeKey)
    for (let i = 0; i < 30; i++) writer.doc.getArray<string>('items').push([`item ${i}`])
    // The watcher seeing the last update means the server has stored it (it stores, then fans out).
    await waitFor('the watcher to see all updates', () => itemsOf(watcher.doc).length === 30)
    writer.close()
    watcher.close()
    await first.server.close()

    const second = await startTestServer({ dataDir })
    const reader = await connectSyncClient(second.server.url, keys.groupId, keys.writeKey)
    expect(itemsOf(reader.doc)).toEqual(Array.from({ length: 30 }, (_, i) => `item ${i}`))
  })

  it('keeps every update across a restart while clients are still connected', async () => {
    const dataDir = await useTempDir()
    const keys = createGroupKeys()
    const first = await startTestServer({ dataDir })
    const writer = await connectSyncClient(first.server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(first.server.url, keys.groupId, keys.writeKey)
    writer.doc.getArray<string>('items').push(['before restart'])
    await waitFor('the watcher to see the update', () => itemsOf(watcher.doc).length === 1)
    writer.provider.shouldConnect = false
    watcher.provider.shouldConnect = false
    await first.server.close()

    const second = await startTestServer({ dataDir })
    const fresh = await connectSyncClient(second.server.url, keys.groupId, keys.writeKey)
    expect(itemsOf(fresh.doc)).toEqual(['before restart'])
  })

  it('compacts a group into one stored row when its room unloads', async () => {
    const dataDir = await useTempDir()
    const keys = createGroupKeys()
    const { server } = await startTestServer({ dataDir })
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    for (let i = 0; i < 10; i++) writer.doc.getArray<string>('items').push([`item ${i}`])
    await waitFor('the watcher to see all updates', () => itemsOf(watcher.doc).length === 10)
    writer.close()
    watcher.close()
    await server.close()

    const store = createSqliteStore({ dataDir })
    const rows = await store.load(keys.groupId)
    await store.close()
    expect(rows).toHaveLength(1)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, rows[0] as Uint8Array)
    expect(itemsOf(doc)).toHaveLength(10)
  })

  it('relays presence, and removes a member’s presence when its socket closes', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const a = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const b = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    const seesAda = () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada'
    await waitFor('b to see a’s presence', seesAda)

    // Kill the socket without the client saying goodbye, as a phone losing signal would.
    const socket = a.provider.ws as unknown as { terminate(): void }
    a.provider.shouldConnect = false
    socket.terminate()
    await waitFor('a’s presence to go', () => !b.provider.awareness.getStates().has(a.doc.clientID))
  })
})
