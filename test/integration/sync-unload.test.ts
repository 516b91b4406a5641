import { describe, expect, it, onTestFinished } from 'vitest'
import { createGroupKeys } from '../../shared/invite'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { gatedStore } from '../helpers/gated-store'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const ITEMS = Array.from({ length: 10 }, (_, i) => `item ${i}`)

/** A server on a SQLite store seen through an open gated store, to count the calls. */
async function startServer(idleUnloadMs: number) {
  const dataDir = await useTempDir()
  const sqlite = createSqliteStore({ dataDir })
  onTestFinished(() => sqlite.close())
  const store = gatedStore(sqlite)
  store.openAll()
  const { server, logs } = await startTestServer({ dataDir, store, idleUnloadMs })
  return { server, logs, sqlite, store }
}

describe('idle rooms', () => {
  it('are compacted into one row and released once the last member has left, while the server runs', async () => {
    const { server, logs, sqlite, store } = await startServer(100)
    const keys = createGroupKeys()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    // One at a time: updates that arrive together are stored as one row.
    for (const [i, item] of ITEMS.entries()) {
      writer.doc.getArray<string>('items').push([item])
      await waitFor('the watcher to see the update', () => itemsOf(watcher.doc).length === i + 1)
    }
    expect(await sqlite.load(keys.groupId)).toHaveLength(10)

    writer.close()
    watcher.close()
    const unloaded = `room ${keys.groupId}: unloaded`
    await waitFor('the room to unload', () => logs.includes(unloaded))
    expect(store.calls.filter((call) => call === 'replace')).toHaveLength(1)
    expect(await sqlite.load(keys.groupId)).toHaveLength(1)

    // The next member gets a room loaded afresh from that one row, with everything in it.
    const returning = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    expect(itemsOf(returning.doc)).toEqual(ITEMS)
    expect(store.calls.filter((call) => call === 'load')).toHaveLength(2)
  })

  it('stay loaded for idleUnloadMs, so a member who comes straight back finds the room warm', async () => {
    const { server, logs, store } = await startServer(60_000)
    const keys = createGroupKeys()
    const first = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    first.doc.getArray<string>('items').push(['kept warm'])
    await waitFor('the update to be stored', () => store.calls.includes('append'))
    first.close()
    await new Promise((resolve) => setTimeout(resolve, 200))

    const back = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    expect(itemsOf(back.doc)).toEqual(['kept warm'])
    expect(store.calls).not.toContain('replace')
    expect(store.calls.filter((call) => call === 'load')).toHaveLength(1)
    expect(logs.join('\n')).not.toContain('unloaded')
  })
})
