import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import type { DocStore } from '../../server/store/doc-store'
import { createPostgresStore } from '../../server/store/postgres-store'
import { startNode, useClusterBackends } from '../helpers/node-cluster'
import { createDatabase } from '../helpers/postgres-server'
import {
  awarenessMessage,
  connectSyncClient,
  itemsOf,
  openRawSyncSocket,
  type SyncClient,
} from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const { redis, postgres } = useClusterBackends()

/** A fresh PostgreSQL database that every node of one test shares. */
async function sharedStore(): Promise<{ store: DocStore; dataDir: string }> {
  const dataDir = await useTempDir('margins-multi-')
  const store = createPostgresStore({ url: await createDatabase(postgres().url) })
  return { store, dataDir }
}

/** Each client appends `count` items named after it, one transaction each, yielding between. */
async function writeItems(clients: SyncClient[], count: number): Promise<void> {
  await Promise.all(
    clients.map(async (client, index) => {
      for (let i = 0; i < count; i++) {
        client.doc.getArray<string>('items').push([`c${index}-${i}`])
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    }),
  )
}

/** The group as the store has it, rebuilt from its rows. */
async function storedItems(store: DocStore, groupId: string): Promise<string[]> {
  const doc = new Y.Doc()
  for (const update of await store.load(groupId)) Y.applyUpdate(doc, update)
  return itemsOf(doc)
}

const nameSeen = (client: SyncClient, id: number): string | undefined =>
  client.provider.awareness.getStates().get(id)?.user?.name

describe('several nodes on one store with Redis fan-out', () => {
  it('members on two nodes see each other’s edits, in one order, and each other’s presence', async () => {
    const { store, dataDir } = await sharedStore()
    const a = await startNode({ store, redisUrl: redis().url, dataDir })
    const b = await startNode({ store, redisUrl: redis().url, dataDir })
    const keys = createGroupKeys()
    const clients = [
      await connectSyncClient(a.url, keys.groupId, keys.writeKey),
      await connectSyncClient(b.url, keys.groupId, keys.writeKey),
      await connectSyncClient(a.url, keys.groupId, keys.writeKey),
      await connectSyncClient(b.url, keys.groupId, keys.writeKey),
    ]
    const [ada, ben, cay, dan] = clients as [SyncClient, SyncClient, SyncClient, SyncClient]
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    ben.provider.awareness.setLocalStateField('user', { name: 'Ben' })

    await writeItems(clients, 25)
    await waitFor(
      'every member to have all 100 items',
      () => clients.every((client) => itemsOf(client.doc).length === 100),
      20_000,
    )
    const order = itemsOf(ada.doc)
    for (const client of clients) expect(itemsOf(client.doc)).toEqual(order)
    await waitFor(
      'Dan on node B to see Ada of node A',
      () => nameSeen(dan, ada.doc.clientID) === 'Ada',
    )
    await waitFor(
      'Cay on node A to see Ben of node B',
      () => nameSeen(cay, ben.doc.clientID) === 'Ben',
    )

    // Each node stored only its own members' edits, once: the store has all of them.
    expect((await storedItems(store, keys.groupId)).sort()).toEqual([...order].sort())

    // A member that leaves node A is gone from node B's members' presence too.
    ada.close()
    await waitFor(
      'Ada to leave Dan’s presence',
      () => nameSeen(dan, ada.doc.clientID) === undefined,
    )
    await Promise.all([a.close(), b.close()])
    await store.close()
  }, 60_000)

  it('a member joining on a third node gets the group and the presence set before it came', async () => {
    const { store, dataDir } = await sharedStore()
    const nodes = [
      await startNode({ store, redisUrl: redis().url, dataDir }),
      await startNode({ store, redisUrl: redis().url, dataDir }),
      await startNode({ store, redisUrl: redis().url, dataDir }),
    ]
    const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]]
    const keys = createGroupKeys()
    const ada = await connectSyncClient(a.url, keys.groupId, keys.writeKey)
    const ben = await connectSyncClient(b.url, keys.groupId, keys.writeKey)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await writeItems([ada, ben], 10)
    await waitFor('Ben to see Ada', () => nameSeen(ben, ada.doc.clientID) === 'Ada')

    // Node C loads the group only now: Ada announced herself before it had the room.
    const cay = await connectSyncClient(c.url, keys.groupId, keys.readKey)
    await waitFor('Cay to have all 20 items', () => itemsOf(cay.doc).length === 20, 10_000)
    await waitFor('Cay to see Ada', () => nameSeen(cay, ada.doc.clientID) === 'Ada')

    // And edits keep flowing between all three.
    const dan = await connectSyncClient(c.url, keys.groupId, keys.writeKey)
    dan.doc.getArray<string>('items').push(['from-c'])
    await waitFor('Ada and Ben to get node C’s edit', () =>
      [ada, ben].every((client) => itemsOf(client.doc).includes('from-c')),
    )
    for (const client of [ben, cay, dan]) expect(itemsOf(client.doc)).toEqual(itemsOf(ada.doc))
    await Promise.all(nodes.map((node) => node.close()))
    await store.close()
  }, 60_000)

  it('a member on one node cannot forge the presence of a member on another', async () => {
    const { store, dataDir } = await sharedStore()
    const a = await startNode({ store, redisUrl: redis().url, dataDir })
    const b = await startNode({ store, redisUrl: redis().url, dataDir })
    const keys = createGroupKeys()
    const ada = await connectSyncClient(a.url, keys.groupId, keys.writeKey)
    const onA = await connectSyncClient(a.url, keys.groupId, keys.readKey)
    const onB = await connectSyncClient(b.url, keys.groupId, keys.readKey)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    const adaId = ada.doc.clientID
    await waitFor('node B’s member to see Ada', () => nameSeen(onB, adaId) === 'Ada')
    const namesSeen = new Set<string | undefined>()
    for (const observer of [onA, onB, ada]) {
      observer.provider.awareness.on('change', () => namesSeen.add(nameSeen(observer, adaId)))
    }

    // Node B has no member speaking for Ada's id: a newer state for it is still not theirs.
    const forger = await openRawSyncSocket(b.url, keys.groupId, keys.readKey)
    const eve = JSON.stringify({ user: { name: 'Eve' } })
    forger.socket.send(awarenessMessage([{ clientId: adaId, clock: 1_000, state: eve }]))
    forger.socket.send(awarenessMessage([{ clientId: adaId, clock: 1_001, state: 'null' }]))
    // Ada changes her presence after the forgery: everyone sees that, not Eve.
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada L.' })
    await waitFor('both nodes’ members to see Ada’s change', () =>
      [onA, onB].every((client) => nameSeen(client, adaId) === 'Ada L.'),
    )
    expect(namesSeen).not.toContain('Eve')
    expect(namesSeen).not.toContain(undefined)
    await Promise.all([a.close(), b.close()])
    await store.close()
  }, 60_000)
})
