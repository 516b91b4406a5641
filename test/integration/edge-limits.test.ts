import { describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { EDGE_CLOSE_CODES } from '../../server/limits'
import { encodeKeepAlive } from '../../server/protocol'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { createGroupKeys, type GroupKeys } from '../../shared/invite'
import { gatedStore } from '../helpers/gated-store'
import { rawUpgradeStatus } from '../helpers/raw-upgrade'
import { healthOf, metricOf, waitUntil } from '../helpers/server-observe'
import {
  connectSyncClient,
  itemsOf,
  awarenessMessage,
  openRawSyncSocket,
  type SyncClient,
} from '../helpers/sync-client'
import { startTestServer, type TestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

/** Two honest members of one group, already in sync. */
async function honestPair(origin: string, keys: GroupKeys): Promise<[SyncClient, SyncClient]> {
  const writer = await connectSyncClient(origin, keys.groupId, keys.writeKey)
  const watcher = await connectSyncClient(origin, keys.groupId, keys.readKey)
  return [writer, watcher]
}

/** The honest pair still syncs: an edit of the writer reaches the watcher. */
async function expectStillSyncing(writer: SyncClient, watcher: SyncClient, item: string) {
  writer.doc.getArray<string>('items').push([item])
  await waitFor(`the watcher to see ${item}`, () => itemsOf(watcher.doc).includes(item))
}

/** The refusal was logged as one structured line with its reason and code or status. */
function expectLogged(started: TestServer, reason: string, detail: Record<string, number>) {
  expect(started.records).toContainEqual(
    expect.objectContaining({ level: 'warn', reason, ...detail }),
  )
}

describe('edge limits', () => {
  it('closes a connection that sends a message over the size limit with 1009, and only that one', async () => {
    const started = await startTestServer({
      dataDir: await useTempDir(),
      limits: { maxMessageBytes: 4096 },
    })
    const { server } = started
    const keys = createGroupKeys()
    const [writer, watcher] = await honestPair(server.url, keys)
    const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
    socket.send(new Uint8Array(8192))
    expect(await closeCode).toBe(EDGE_CLOSE_CODES.messageTooBig)
    expectLogged(started, 'message-too-big', { code: 1009 })
    expect(await metricOf(server.url, 'margins_refusals_total{reason="message-too-big"}')).toBe(1)
    await expectStillSyncing(writer, watcher, 'after the big message')
    expect((await healthOf(server.url)).connections).toBe(2)
  })

  it('accepts by default a first sync far over the old 16 MiB limit', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const offline = new Y.Doc()
    const big = 'x'.repeat(20 * 1024 * 1024)
    offline.getArray<string>('items').push([big])
    await connectSyncClient(server.url, keys.groupId, keys.writeKey, { doc: offline })
    const late = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    await waitFor(
      'the big item to arrive',
      () => itemsOf(late.doc)[0]?.length === big.length,
      15_000,
    )
  }, 30_000)

  it('closes a connection that floods messages with 4429, and honest clients carry on', async () => {
    const started = await startTestServer({
      dataDir: await useTempDir(),
      limits: { messagesPerSecond: 20, messageBurst: 20 },
    })
    const { server } = started
    const keys = createGroupKeys()
    const [writer, watcher] = await honestPair(server.url, keys)
    const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.readKey)
    const keepAlive = encodeKeepAlive()
    // Presence frames have a cap of their own, 20 times the message rate (see below).
    for (let i = 0; i < 1000; i++) socket.send(keepAlive)
    expect(await closeCode).toBe(EDGE_CLOSE_CODES.rateLimited)
    expectLogged(started, 'rate-limited', { code: 4429 })
    expect(await metricOf(server.url, 'margins_refusals_total{reason="rate-limited"}')).toBe(1)
    for (const item of ['one', 'two', 'three']) await expectStillSyncing(writer, watcher, item)
    expect(itemsOf(watcher.doc)).toEqual(['one', 'two', 'three'])
  })

  it('counts presence a member speaks for, and closes a flood of it with 4429', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      limits: { messagesPerSecond: 20, messageBurst: 20 },
    })
    const keys = createGroupKeys()
    const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.readKey)
    for (let clock = 1; clock <= 100; clock++) {
      socket.send(awarenessMessage([{ clientId: 4242, clock, state: JSON.stringify({ clock }) }]))
    }
    expect(await closeCode).toBe(EDGE_CLOSE_CODES.rateLimited)
  })

  it('does not count the presence of others that clients echo back', async () => {
    const { server } = await startTestServer({
      dataDir: await useTempDir(),
      limits: { messagesPerSecond: 20, messageBurst: 40 },
    })
    const keys = createGroupKeys()
    const closes: number[] = []
    const connect = async (key: string) => {
      const client = await connectSyncClient(server.url, keys.groupId, key)
      client.provider.on('connection-close', (event) => {
        if (event) closes.push(event.code)
      })
      return client
    }
    const writers = await Promise.all([1, 2, 3].map(() => connect(keys.writeKey)))
    // Idle readers send nothing of their own; the stock client echoes every change it receives.
    const readers = await Promise.all([1, 2, 3, 4].map(() => connect(keys.readKey)))
    // Each writer changes its presence 15 times a second, under the limit of 20; each reader
    // receives 45 changes a second and sends every one back.
    for (let tick = 0; tick < 45; tick++) {
      writers.forEach((writer, i) => writer.provider.awareness.setLocalState({ i, tick }))
      await new Promise((resolve) => setTimeout(resolve, 66))
    }
    expect(closes).toEqual([])
    const seen = readers[0]!.provider.awareness.getStates()
    expect([...seen.values()].filter((state) => state['tick'] === 44)).toHaveLength(3)
  })

  it('answers 429 to one connection too many from an address, and accepts again once one leaves', async () => {
    const started = await startTestServer({
      dataDir: await useTempDir(),
      limits: { maxConnectionsPerIp: 2 },
    })
    const { server } = started
    const keys = createGroupKeys()
    const [writer, watcher] = await honestPair(server.url, keys)
    const target = `/sync/${keys.groupId}?token=${keys.writeKey}`
    expect(await rawUpgradeStatus(server.port, target)).toBe(429)
    expectLogged(started, 'too-many-connections-from-ip', { status: 429 })
    expect(
      await metricOf(server.url, 'margins_refusals_total{reason="too-many-connections-from-ip"}'),
    ).toBe(1)
    await expectStillSyncing(writer, watcher, 'while refused')

    const third = await connectSyncClient(server.url, keys.groupId, keys.readKey, {
      waitForSync: false,
    })
    third.provider.shouldConnect = false
    watcher.close()
    await waitUntil(
      'one connection left',
      async () => (await healthOf(server.url)).connections === 1,
    )
    third.provider.connect()
    await waitFor('the third client to sync', () => third.provider.synced)
    expect(itemsOf(third.doc)).toEqual(['while refused'])
  })

  it('answers 503 while too many connections wait for their group to load', async () => {
    const dataDir = await useTempDir()
    const sqlite = createSqliteStore({ dataDir })
    onTestFinished(() => sqlite.close())
    const store = gatedStore(sqlite)
    const started = await startTestServer({ dataDir, store, limits: { maxPendingConnections: 2 } })
    onTestFinished(() => store.openAll())
    const { server } = started
    const keys = createGroupKeys()
    const waiting = [
      await openRawSyncSocket(server.url, keys.groupId, keys.writeKey),
      await openRawSyncSocket(server.url, keys.groupId, keys.readKey),
    ]
    const target = `/sync/${keys.groupId}?token=${keys.writeKey}`
    expect(await rawUpgradeStatus(server.port, target)).toBe(503)
    expectLogged(started, 'pending-full', { status: 503 })
    expect((await healthOf(server.url)).pendingConnections).toBe(2)

    store.openLoads()
    await waitUntil('the waiting connections to be greeted', async () => {
      return (await healthOf(server.url)).pendingConnections === 0
    })
    const member = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    expect(member.provider.synced).toBe(true)
    for (const { socket } of waiting) expect(socket.readyState).toBe(WebSocket.OPEN)
  })

  it('closes a connection that queues too many messages while its group loads with 4503', async () => {
    const dataDir = await useTempDir()
    const sqlite = createSqliteStore({ dataDir })
    onTestFinished(() => sqlite.close())
    const store = gatedStore(sqlite)
    const started = await startTestServer({ dataDir, store, limits: { maxPendingMessages: 5 } })
    onTestFinished(() => store.openAll())
    const { server } = started
    const keys = createGroupKeys()
    const honest = await connectSyncClient(server.url, keys.groupId, keys.writeKey, {
      waitForSync: false,
    })
    const { socket, closeCode } = await openRawSyncSocket(server.url, keys.groupId, keys.writeKey)
    const keepAlive = encodeKeepAlive()
    for (let i = 0; i < 10; i++) socket.send(keepAlive)
    expect(await closeCode).toBe(EDGE_CLOSE_CODES.queueFull)
    expectLogged(started, 'queue-full', { code: 4503 })

    store.openAll()
    await waitFor('the honest client to sync once the group loaded', () => honest.provider.synced)
    const other = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    await expectStillSyncing(honest, other, 'after the load')
  })
})
