import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { createPostgresStore } from '../../server/store/postgres-store'
import { minimalPdf, sha256Hex } from '../fixtures/pdf'
import { startNode, useClusterBackends } from '../helpers/node-cluster'
import { createDatabase } from '../helpers/postgres-server'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { connectSyncClient, itemsOf, type SyncClient } from '../helpers/sync-client'
import { startTcpBalancer } from '../helpers/tcp-balancer'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const READY = /Margins is running at (http:\/\/\S+)/

const { redis, postgres } = useClusterBackends()

/** `server/index.ts` as a deployment runs it: PostgreSQL store, Redis fan-out, own data dir. */
async function startNodeProcess(
  databaseUrl: string,
): Promise<{ url: string; node: ServerProcess }> {
  const node = await startServerProcess(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      MARGINS_DATA_DIR: await useTempDir('margins-node-'),
      MARGINS_STORE: 'postgres',
      MARGINS_DATABASE_URL: databaseUrl,
      MARGINS_FANOUT: 'redis',
      MARGINS_REDIS_URL: redis().url,
    },
    READY,
  )
  return { url: READY.exec(node.output())?.[1] as string, node }
}

const nameSeen = (client: SyncClient, id: number): string | undefined =>
  client.provider.awareness.getStates().get(id)?.user?.name

/**
 * Writers that each push an item every few milliseconds until stopped, and a record of every
 * item any client has ever had: what "received" means in the tests below.
 */
function startWriting(clients: SyncClient[]) {
  const seen = new Set<string>()
  const written: string[][] = clients.map(() => [])
  for (const client of clients) {
    client.doc.getArray<string>('items').observe(() => {
      for (const item of itemsOf(client.doc)) seen.add(item)
    })
  }
  let running = true
  const loops = clients.map(async (client, index) => {
    for (let i = 0; running; i++) {
      const item = `c${index}-${i}`
      client.doc.getArray<string>('items').push([item])
      written[index]?.push(item)
      await new Promise((resolve) => setTimeout(resolve, 5 + index))
    }
  })
  return {
    seen,
    written,
    /** Waits until `more` more items have been seen by some client. */
    grow: (more: number, what: string) => {
      const target = seen.size + more
      return waitFor(what, () => seen.size >= target, 30_000)
    },
    stop: async () => {
      running = false
      await Promise.all(loops)
    },
  }
}

/** Waits until every client has the same items, all of `expected` among them. */
async function converge(clients: SyncClient[], expected: Iterable<string>): Promise<string[]> {
  const wanted = [...expected]
  await waitFor(
    'every client to converge on every item written',
    () => {
      const first = JSON.stringify(itemsOf((clients[0] as SyncClient).doc))
      if (!clients.every((client) => JSON.stringify(itemsOf(client.doc)) === first)) return false
      const have = new Set(itemsOf((clients[0] as SyncClient).doc))
      return wanted.every((item) => have.has(item))
    },
    60_000,
  )
  return itemsOf((clients[0] as SyncClient).doc)
}

/** Polls `/healthz` of `origin` until it answers `status`; resolves with its body. */
async function healthWhen(origin: string, status: number): Promise<Record<string, unknown>> {
  for (let tries = 0; ; tries++) {
    const response = await fetch(`${origin}/healthz`)
    const body = (await response.json()) as Record<string, unknown>
    if (response.status === status) return body
    if (tries > 200) throw new Error(`/healthz answered ${response.status}, not ${status}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('a node dying or Redis restarting', () => {
  it('a killed node’s members reconnect to another node, and nothing any client had is lost', async () => {
    const databaseUrl = await createDatabase(postgres().url)
    const nodes = [
      await startNodeProcess(databaseUrl),
      await startNodeProcess(databaseUrl),
      await startNodeProcess(databaseUrl),
    ]
    const balancer = await startTcpBalancer(nodes.map((node) => node.url))
    const keys = createGroupKeys()
    const clients: SyncClient[] = []
    for (let i = 0; i < 6; i++) {
      clients.push(await connectSyncClient(balancer.url, keys.groupId, keys.writeKey))
    }
    const victim = nodes[0] as { url: string; node: ServerProcess }
    const victimAddress = new URL(victim.url).host
    expect(balancer.handed.get(victimAddress)).toBe(2)

    // A PDF attached through one node is served by the others (it is in PostgreSQL too).
    const pdf = minimalPdf()
    const pdfsAt = (node: { url: string }) => `${node.url}/api/groups/${keys.groupId}/pdfs`
    const auth = { Authorization: `Bearer ${keys.writeKey}` }
    const upload = await fetch(pdfsAt(victim), {
      method: 'POST',
      body: pdf,
      headers: { ...auth, 'Content-Type': 'application/pdf' },
    })
    expect(upload.status).toBe(201)

    const writing = startWriting(clients)
    await writing.grow(150, 'items to flow between the three nodes')
    victim.node.child.kill('SIGKILL')
    await victim.node.exited
    const seenAtKill = new Set(writing.seen)
    // The two members of the dead node come back through the balancer, to the living nodes.
    const handedInAll = () => [...balancer.handed.values()].reduce((sum, count) => sum + count, 0)
    await waitFor(
      'the dead node’s members to reconnect',
      () => handedInAll() >= 8 && clients.every((client) => client.provider.wsconnected),
      30_000,
    )
    await writing.grow(150, 'items to flow again after the kill')
    await writing.stop()
    expect(balancer.handed.get(victimAddress)).toBe(2)
    const served = await fetch(`${pdfsAt(nodes[1] as { url: string })}/${sha256Hex(pdf)}`, {
      headers: auth,
    })
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pdf)
    const all = await converge(clients, [...writing.seen, ...writing.written.flat()])
    for (const item of seenAtKill) expect(all).toContain(item)

    // And the shared store has all of it: a member arriving later gets every item.
    const late = await connectSyncClient(balancer.url, keys.groupId, keys.readKey)
    expect(new Set(itemsOf(late.doc))).toEqual(new Set(all))
    const store = createPostgresStore({ url: databaseUrl })
    const stored = new Y.Doc()
    for (const update of await store.load(keys.groupId)) Y.applyUpdate(stored, update)
    await store.close()
    expect(new Set(itemsOf(stored))).toEqual(new Set(all))
    await balancer.close()
  }, 120_000)

  it('the presence of a dead node’s members fades on the other nodes after the 30 s timeout', async () => {
    const databaseUrl = await createDatabase(postgres().url)
    const [a, b] = [await startNodeProcess(databaseUrl), await startNodeProcess(databaseUrl)]
    const keys = createGroupKeys()
    // Ada's device knows only node A, so when A dies she is gone, as a phone losing signal is.
    const ada = await connectSyncClient(a.url, keys.groupId, keys.writeKey)
    const ben = await connectSyncClient(b.url, keys.groupId, keys.writeKey)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    ben.provider.awareness.setLocalStateField('user', { name: 'Ben' })
    const adaId = ada.doc.clientID
    await waitFor('Ben on node B to see Ada', () => nameSeen(ben, adaId) === 'Ada')

    a.node.child.kill('SIGKILL')
    await a.node.exited
    const killedAt = Date.now()
    // No node says Ada left, so she stays until her state is 30 s old (y-protocols' timeout).
    await waitFor(
      'Ada to fade from Ben’s presence',
      () => nameSeen(ben, adaId) === undefined,
      45_000,
    )
    expect(Date.now() - killedAt).toBeGreaterThan(20_000)

    // Node B dropped her too: a member arriving now is greeted with Ben and without Ada.
    const greeted = async () => {
      const cay = await connectSyncClient(b.url, keys.groupId, keys.readKey)
      try {
        await waitFor('Cay to see Ben', () => nameSeen(cay, ben.doc.clientID) === 'Ben')
        return nameSeen(cay, adaId)
      } finally {
        cay.close()
      }
    }
    let adaGreeted = await greeted()
    for (let tries = 0; adaGreeted !== undefined && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      adaGreeted = await greeted()
    }
    expect(adaGreeted).toBeUndefined()
  }, 90_000)

  it('a Redis restart mid-stream: members of one node still sync while it is down, and none is lost', async () => {
    const store = createPostgresStore({ url: await createDatabase(postgres().url) })
    const dataDir = await useTempDir('margins-multi-')
    const a = await startNode({ store, redisUrl: redis().url, dataDir })
    const b = await startNode({ store, redisUrl: redis().url, dataDir })
    const keys = createGroupKeys()
    const onA = [
      await connectSyncClient(a.url, keys.groupId, keys.writeKey),
      await connectSyncClient(a.url, keys.groupId, keys.writeKey),
    ]
    const onB = [
      await connectSyncClient(b.url, keys.groupId, keys.writeKey),
      await connectSyncClient(b.url, keys.groupId, keys.writeKey),
    ]
    const clients = [...onA, ...onB]
    const writing = startWriting(clients)
    await writing.grow(100, 'items to flow between the nodes')
    expect(await healthWhen(a.url, 200)).toMatchObject({ ok: true, store: 'ok', fanout: 'ok' })

    // Killed, not stopped: up to a second of its append-only file may be gone on restart.
    await redis().stop({ kill: true })
    await writing.grow(50, 'items to keep flowing while Redis is down')
    await writing.stop()
    // The last edit of all is made while Redis is down, and nothing later builds on it.
    const [first, second] = onB as [SyncClient, SyncClient]
    const marker = 'written while Redis is down'
    first.doc.getArray<string>('items').push([marker])
    await waitFor('a member of the same node to get it without Redis', () =>
      itemsOf(second.doc).includes(marker),
    )
    // A load balancer watching /healthz takes the node out meanwhile.
    expect(await healthWhen(a.url, 503)).toMatchObject({
      ok: false,
      store: 'ok',
      fanout: 'unreachable',
    })
    await redis().start()

    const all = await converge(clients, [...writing.seen, ...writing.written.flat(), marker])
    const stored = new Y.Doc()
    for (const update of await store.load(keys.groupId)) Y.applyUpdate(stored, update)
    expect(new Set(itemsOf(stored))).toEqual(new Set(all))

    expect(await healthWhen(a.url, 200)).toMatchObject({ ok: true, fanout: 'ok' })

    // And the stream is live again: an edit on node A reaches node B at once.
    ;(onA[0] as SyncClient).doc.getArray<string>('items').push(['after the restart'])
    await waitFor('node B’s members to get an edit made on node A', () =>
      onB.every((client) => itemsOf(client.doc).includes('after the restart')),
    )
    await Promise.all([a.close(), b.close()])
    await store.close()
  }, 120_000)
})
