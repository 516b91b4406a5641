import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { MESSAGE_SYNC, encodeSyncStep1, encodeUpdate } from '../../server/protocol'
import { CLOSE_CODES } from '../../server/room-member'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { gatedStore } from '../helpers/gated-store'
import {
  awarenessMessage,
  connectSyncClient,
  itemsOf,
  openRawSyncSocket,
  type SyncClient,
} from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

/** Close codes the server sent to a stock client, in order, across its reconnects. */
function recordCloseCodes(client: SyncClient): number[] {
  const codes: number[] = []
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code)
  })
  return codes
}

/** Frames that do not decode, each with a name for the failure message. */
function malformedFrames(): Array<[string, Uint8Array]> {
  const doc = new Y.Doc()
  doc.getArray<string>('items').push(['from a malformed frame'])
  const update = encodeUpdate(Y.encodeStateAsUpdate(doc))
  const step1 = encodeSyncStep1(doc)
  return [
    ['noise after the sync type', Uint8Array.of(MESSAGE_SYNC, 0x9e, 0x3b, 0xf1, 0x07, 0xc4, 0x5a)],
    ['a document update cut short', update.subarray(0, update.length - 3)],
    ['a sync step 1 cut short', step1.subarray(0, step1.length - 1)],
    [
      'an awareness state that is not JSON',
      awarenessMessage([{ clientId: 4242, clock: 1, state: '{"user":' }]),
    ],
    ['an empty frame', new Uint8Array(0)],
  ]
}

describe('sync failures', () => {
  it('closes a connection that sends a malformed frame with 1007, and only that one', async () => {
    const dataDir = await useTempDir()
    const sqlite = createSqliteStore({ dataDir })
    onTestFinished(() => sqlite.close())
    const { server } = await startTestServer({ dataDir, store: sqlite })
    const keys = createGroupKeys()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const closes = [recordCloseCodes(writer), recordCloseCodes(watcher)]
    const sockets = [writer.provider.ws, watcher.provider.ws]
    writer.doc.getArray<string>('items').push(['before'])
    await waitFor('the watcher to see the first edit', () => itemsOf(watcher.doc).length === 1)
    const storedBefore = await sqlite.load(keys.groupId)

    for (const [name, frame] of malformedFrames()) {
      const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
      socket.send(frame)
      expect({ name, code: await closeCode }).toEqual({ name, code: CLOSE_CODES.invalidData })
    }

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect(await sqlite.load(keys.groupId)).toEqual(storedBefore)
    writer.doc.getArray<string>('items').push(['after'])
    await waitFor('the watcher to see the later edit', () => itemsOf(watcher.doc).length === 2)
    expect(itemsOf(watcher.doc)).toEqual(['before', 'after'])
    expect([writer.provider.ws, watcher.provider.ws]).toEqual(sockets)
    expect(closes).toEqual([[], []])
    expect(await sqlite.load(keys.groupId)).toHaveLength(storedBefore.length + 1)
  })

  it('closes the room with 1011 when the store fails, and serves no one what it lacks', async () => {
    const dataDir = await useTempDir()
    const sqlite = createSqliteStore({ dataDir })
    onTestFinished(() => sqlite.close())
    const store = gatedStore(sqlite)
    store.openLoads()
    const { server, logs } = await startTestServer({ dataDir, store })
    // Cleanups run last-registered first: open the gates before the server waits on them.
    onTestFinished(() => store.openAll())
    const keys = createGroupKeys()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    writer.doc.getArray<string>('items').push(['unstored'])
    await waitFor('the append to reach the store', () => store.heldAppends === 1)
    // A member joining now is queued behind the append, with the edit already in the room's doc.
    const joiner = await connectSyncClient(server.url, keys.groupId, keys.writeKey, {
      waitForSync: false,
    })
    await waitFor('the joiner to connect', () => joiner.provider.wsconnected)

    let failing = true
    const leaks: string[] = []
    for (const [name, client] of [
      ['watcher', watcher],
      ['joiner', joiner],
    ] as const) {
      client.doc.on('update', () => {
        if (failing && itemsOf(client.doc).includes('unstored')) leaks.push(name)
      })
    }
    const closeCodes = [writer, watcher, joiner].map(recordCloseCodes)
    // The writer keeps its edit but stays away, so the others can settle in a reloaded room.
    writer.provider.on('connection-close', () => (writer.provider.shouldConnect = false))
    store.failAppends()

    await waitFor('everyone to be disconnected with 1011', () =>
      closeCodes.every((codes) => codes.includes(CLOSE_CODES.internalError)),
    )
    expect(logs.join('\n')).toContain(`room ${keys.groupId}: closed after error`)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    await waitFor(
      'the others to sync again with a room reloaded from the store',
      () => watcher.provider.synced && joiner.provider.synced,
    )
    expect(itemsOf(watcher.doc)).toEqual([])
    expect(itemsOf(joiner.doc)).toEqual([])
    expect(await sqlite.load(keys.groupId)).toEqual([])
    expect(leaks).toEqual([])

    // Once the store works again, the writer's reconnect sends the edit it kept.
    failing = false
    store.openAppends()
    writer.provider.connect()
    await waitFor('the edit to reach both', () =>
      [watcher, joiner].every((client) => itemsOf(client.doc).includes('unstored')),
    )
    expect(await sqlite.load(keys.groupId)).toHaveLength(1)
  })
})
