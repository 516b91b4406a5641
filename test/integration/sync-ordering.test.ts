import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { gatedStore } from '../helpers/gated-store'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const settle = () => new Promise((resolve) => setTimeout(resolve, 200))

/** A server on a SQLite store behind gates, loads let through, appends held until opened. */
async function startWithOpenLoads() {
  const dataDir = await useTempDir()
  const keys = createGroupKeys()
  const sqlite = createSqliteStore({ dataDir })
  const store = gatedStore(sqlite)
  store.openLoads()
  const { server } = await startTestServer({ dataDir, store })
  // Cleanups run last-registered first: open the gates before the server waits on them.
  onTestFinished(() => store.openAll())
  return { keys, sqlite, store, server }
}

describe('sync ordering against storage', () => {
  it('answers no client before the stored state has loaded, then answers with it', async () => {
    const dataDir = await useTempDir()
    const keys = createGroupKeys()
    const sqlite = createSqliteStore({ dataDir })
    const seed = new Y.Doc()
    seed.getArray<string>('items').push(['stored earlier'])
    await sqlite.append(keys.groupId, Y.encodeStateAsUpdate(seed))

    const store = gatedStore(sqlite)
    const { server } = await startTestServer({ dataDir, store })
    // Cleanups run last-registered first: open the gates before the server waits on them.
    onTestFinished(() => store.openAll())
    const client = await connectSyncClient(server.url, keys.groupId, keys.writeKey, {
      waitForSync: false,
    })
    await waitFor('the room to start loading', () => store.calls.includes('load'))
    await settle()
    // Connected, its sync step 1 sent, but no answer yet: an answer now could only be empty.
    expect(client.provider.wsconnected).toBe(true)
    expect(client.provider.synced).toBe(false)

    store.openLoads()
    await waitFor('the client to sync', () => client.provider.synced)
    expect(itemsOf(client.doc)).toEqual(['stored earlier'])
    client.close()
    await server.close()
    await sqlite.close()
  })

  it('fans an update out only after the store has it', async () => {
    const { keys, sqlite, store, server } = await startWithOpenLoads()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(server.url, keys.groupId, keys.writeKey)

    writer.doc.getArray<string>('items').push(['held at the store'])
    await waitFor('the append to reach the store', () => store.heldAppends === 1)
    await settle()
    expect(itemsOf(watcher.doc)).toEqual([])
    // A member joining meanwhile must not be served the unstored update either.
    const joiner = await connectSyncClient(server.url, keys.groupId, keys.writeKey, {
      waitForSync: false,
    })
    await settle()
    expect(joiner.provider.synced).toBe(false)

    store.openAppends()
    await waitFor('the watcher to get the update', () => itemsOf(watcher.doc).length === 1)
    await waitFor('the joiner to sync', () => joiner.provider.synced)
    expect(itemsOf(joiner.doc)).toEqual(['held at the store'])
    expect(await sqlite.load(keys.groupId)).toHaveLength(1)
    for (const client of [writer, watcher, joiner]) client.close()
    await server.close()
    await sqlite.close()
  })

  it('stores an update still queued when the server shuts down', async () => {
    const { keys, sqlite, store, server } = await startWithOpenLoads()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    writer.doc.getArray<string>('items').push(['in flight'])
    await waitFor('the append to reach the store', () => store.heldAppends === 1)

    writer.provider.shouldConnect = false
    const closed = server.close()
    await settle()
    store.openAppends()
    await closed
    const doc = new Y.Doc()
    for (const row of await sqlite.load(keys.groupId)) Y.applyUpdate(doc, row)
    expect(itemsOf(doc)).toEqual(['in flight'])
    await sqlite.close()
  })
})
