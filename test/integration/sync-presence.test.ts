import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { MAX_AWARENESS_IDS_PER_MEMBER } from '../../server/awareness-owners'
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

/** The `user.name` that `client` sees for awareness client `id`, if any. */
function nameSeenBy(client: SyncClient, id: number): string | undefined {
  return client.provider.awareness.getStates().get(id)?.user?.name
}

const user = (name: string) => JSON.stringify({ user: { name } })

describe('presence', () => {
  it('cannot be forged or erased by another socket, and goes when its owner disconnects', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const ada = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const observer = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    const adaId = ada.doc.clientID
    await waitFor('the observer to see Ada', () => nameSeenBy(observer, adaId) === 'Ada')

    const forger = await openRawSyncSocket(server.url, keys.groupId, keys.readKey)
    const forgerId = adaId + 1
    forger.socket.send(awarenessMessage([{ clientId: adaId, clock: 1_000, state: user('Eve') }]))
    forger.socket.send(awarenessMessage([{ clientId: adaId, clock: 1_001, state: 'null' }]))
    forger.socket.send(
      awarenessMessage([
        { clientId: adaId, clock: 1_002, state: user('Eve') },
        { clientId: forgerId, clock: 1, state: user('forger') },
      ]),
    )
    // The server handles a socket's frames in order: once the forger's own presence is seen,
    // everything it sent before has been dealt with.
    await waitFor('the forger’s own presence', () => nameSeenBy(observer, forgerId) === 'forger')
    expect(nameSeenBy(observer, adaId)).toBe('Ada')
    expect(nameSeenBy(ada, adaId)).toBe('Ada')

    // Ada's clock in the room was not pushed past hers: her next change still gets through.
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada Lovelace' })
    await waitFor('Ada’s change', () => nameSeenBy(observer, adaId) === 'Ada Lovelace')

    forger.socket.terminate()
    await waitFor('the forger’s presence to go', () => nameSeenBy(observer, forgerId) === undefined)
    expect(nameSeenBy(observer, adaId)).toBe('Ada Lovelace')
    const adaSocket = ada.provider.ws as unknown as WebSocket
    ada.provider.shouldConnect = false
    adaSocket.terminate()
    await waitFor('Ada’s presence to go', () => !observer.provider.awareness.getStates().has(adaId))
  })

  it(`lets one socket speak for at most ${MAX_AWARENESS_IDS_PER_MEMBER} client ids`, async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const observer = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    const ids = Array.from({ length: MAX_AWARENESS_IDS_PER_MEMBER + 2 }, (_, i) => 7_000 + i)
    const greedy = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
    for (const id of ids) {
      greedy.socket.send(awarenessMessage([{ clientId: id, clock: 1, state: user(`id ${id}`) }]))
    }
    const first = ids[0] as number
    greedy.socket.send(awarenessMessage([{ clientId: first, clock: 2, state: user('last') }]))
    await waitFor('the last frame', () => nameSeenBy(observer, first) === 'last')
    const seen = () =>
      ids.filter((id) => observer.provider.awareness.getStates().has(id)).sort((a, b) => a - b)
    expect(seen()).toEqual(ids.slice(0, MAX_AWARENESS_IDS_PER_MEMBER))

    greedy.socket.terminate()
    await waitFor('its presence to go', () => seen().length === 0)
  })

  it('passes an id to a new socket of the same client once the old socket is gone', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const observer = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    // A socket of a client that lost its network and reconnected: the server still has it.
    const doc = new Y.Doc()
    const old = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
    old.socket.send(awarenessMessage([{ clientId: doc.clientID, clock: 1, state: user('Ada') }]))
    await waitFor('the old socket’s presence', () => nameSeenBy(observer, doc.clientID) === 'Ada')

    const renewed = await connectSyncClient(server.url, keys.groupId, keys.writeKey, { doc })
    renewed.provider.awareness.setLocalStateField('user', { name: 'Ada, back' })
    // Frames of one socket are handled in order: once the edit arrives, so has the presence.
    doc.getArray<string>('items').push(['after the presence'])
    await waitFor('the edit', () => itemsOf(observer.doc).length === 1)
    expect(nameSeenBy(observer, doc.clientID)).toBe('Ada')

    // The newer state that the old socket's id was refused is shown as soon as it is free.
    old.socket.terminate()
    await waitFor('the renewed presence', () => nameSeenBy(observer, doc.clientID) === 'Ada, back')
    renewed.provider.awareness.setLocalStateField('user', { name: 'Ada, at home' })
    await waitFor('a later change', () => nameSeenBy(observer, doc.clientID) === 'Ada, at home')
  })

  it('lets a member who left and came back announce itself again, whoever echoed its state', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const ada = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    // Stock clients send every awareness change they receive back to the server, removals too.
    const echoer = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    const observer = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    const adaId = ada.doc.clientID
    await waitFor('both to see Ada', () =>
      [echoer, observer].every((client) => nameSeenBy(client, adaId) === 'Ada'),
    )
    const lastClock = ada.provider.awareness.meta.get(adaId)?.clock ?? -1

    ada.provider.disconnect()
    await waitFor('the echoer to see Ada go', () => nameSeenBy(echoer, adaId) === undefined)
    // An echo of Ada's last state that was still on its way when she left.
    const late = await openRawSyncSocket(server.url, keys.groupId, keys.readKey)
    late.socket.send(awarenessMessage([{ clientId: adaId, clock: lastClock, state: user('Ada') }]))
    late.socket.send(awarenessMessage([{ clientId: 1, clock: 1, state: user('late') }]))
    // Frames of one socket are handled in order: these markers come after the echoes.
    echoer.provider.awareness.setLocalStateField('user', { name: 'echoer' })
    await waitFor(
      'the markers',
      () =>
        [nameSeenBy(observer, echoer.doc.clientID), nameSeenBy(observer, 1)].join() ===
        'echoer,late',
    )
    expect(nameSeenBy(observer, adaId)).toBeUndefined()

    ada.provider.connect()
    await waitFor('Ada to sync again', () => ada.provider.synced)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada, back' })
    await waitFor('Ada’s new state', () => nameSeenBy(observer, adaId) === 'Ada, back')
  })
})
