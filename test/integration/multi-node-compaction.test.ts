import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import type { DocStore } from '../../server/store/doc-store'
import { createPostgresStore } from '../../server/store/postgres-store'
import { startNode, useClusterBackends } from '../helpers/node-cluster'
import { createDatabase } from '../helpers/postgres-server'
import { connectSyncClient, itemsOf, type SyncClient } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const { redis, postgres } = useClusterBackends()

/**
 * `store` seen through a wrapper that makes each compaction slow (appends go on meanwhile) and
 * records how many ran at once, across every node that shares it.
 */
function watchedStore(store: DocStore) {
  const tally = { running: 0, mostAtOnce: 0, done: 0 }
  const watched: DocStore = {
    load: (groupId) => store.load(groupId),
    read: (groupId) => store.read(groupId),
    append: (groupId, update) => store.append(groupId, update),
    close: () => store.close(),
    replace: async (groupId, state, upTo) => {
      tally.running++
      tally.mostAtOnce = Math.max(tally.mostAtOnce, tally.running)
      try {
        await new Promise((resolve) => setTimeout(resolve, 40))
        await store.replace(groupId, state, upTo)
        tally.done++
      } finally {
        tally.running--
      }
    },
  }
  return { store: watched, tally }
}

describe('compaction with several nodes', () => {
  it('runs on one node at a time, and keeps every update stored while it runs', async () => {
    const postgresStore = createPostgresStore({ url: await createDatabase(postgres().url) })
    const { store, tally } = watchedStore(postgresStore)
    const dataDir = await useTempDir('margins-multi-')
    const compaction = { quietMs: 5, maxDelayMs: 20, maxRows: 4 }
    const a = await startNode({ store, redisUrl: redis().url, dataDir, compaction })
    const b = await startNode({ store, redisUrl: redis().url, dataDir, compaction })
    const keys = createGroupKeys()
    const clients: SyncClient[] = []
    for (const node of [a, b, a, b]) {
      clients.push(await connectSyncClient(node.url, keys.groupId, keys.writeKey))
    }

    await Promise.all(
      clients.map(async (client, index) => {
        for (let i = 0; i < 60; i++) {
          client.doc.getArray<string>('items').push([`c${index}-${i}`])
          await new Promise((resolve) => setTimeout(resolve, 3))
        }
      }),
    )
    await waitFor(
      'every member to have all 240 items',
      () => clients.every((client) => itemsOf(client.doc).length === 240),
      30_000,
    )
    await waitFor('several compactions', () => tally.done >= 3, 10_000)
    expect(tally.mostAtOnce).toBe(1)

    // Rows appended during each compaction were kept: the stored group has every item.
    const stored = new Y.Doc()
    for (const update of await postgresStore.load(keys.groupId)) Y.applyUpdate(stored, update)
    expect(itemsOf(stored).sort()).toEqual(itemsOf((clients[0] as SyncClient).doc).sort())

    for (const client of clients) client.close()
    await Promise.all([a.close(), b.close()])
    expect(tally.mostAtOnce).toBe(1)
    await postgresStore.close()
  }, 60_000)
})
