import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from '../../server/store/doc-store'
import { createPostgresStore } from '../../server/store/postgres-store'
import { createSqliteStore } from '../../server/store/sqlite-store'
import pg from 'pg'
import { createDatabase, holdGroupLock, usePostgres } from '../helpers/postgres-server'
import { freedPort } from '../helpers/freed-port'
import { useTempDir } from '../helpers/temp-dir'

/**
 * One place where a store keeps its data. `open` may be called again after the previous store
 * was closed, and must then see what that store wrote: that is what durability means here.
 */
interface StoreLocation {
  open(): Promise<DocStore>
}

const GROUP_A = 'AAAAAAAAAAAAAAAAAAAAAA'
const GROUP_B = 'BBBBBBBBBBBBBBBBBBBBBB'
const GROUP_C = 'CCCCCCCCCCCCCCCCCCCCCC'

/** A Yjs update that adds `text` to the array `items` of a new client. */
function itemUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray<string>('items').push([text])
  return Y.encodeStateAsUpdate(doc)
}

/** The sorted `items` of the doc that the stored updates rebuild. */
function itemsOf(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  const items = doc.getArray<string>('items').toArray().sort()
  doc.destroy()
  return items
}

/** The DocStore contract: run once per implementation with a factory of fresh locations. */
function docStoreContract(name: string, newLocation: () => Promise<StoreLocation>): void {
  describe(`DocStore contract: ${name}`, () => {
    async function openStore() {
      const location = await newLocation()
      const store = await location.open()
      onTestFinished(() => store.close())
      return { location, store }
    }

    it('loads a group never written as no updates', async () => {
      const { store } = await openStore()
      expect(await store.load(GROUP_A)).toEqual([])
    })

    it('returns appended updates byte for byte, in append order', async () => {
      const { store } = await openStore()
      const updates = [new Uint8Array([0, 1, 2, 0]), new Uint8Array([255]), itemUpdate('x')]
      for (const update of updates) await store.append(GROUP_A, update)
      expect(await store.load(GROUP_A)).toEqual(updates)
    })

    it('keeps the call order of concurrent appends', async () => {
      const { store } = await openStore()
      const updates = Array.from({ length: 20 }, (_, i) => new Uint8Array([i, i + 1]))
      await Promise.all(updates.map((update) => store.append(GROUP_A, update)))
      expect(await store.load(GROUP_A)).toEqual(updates)
    })

    it('keeps each group in its call order when appends of several groups interleave', async () => {
      const { store } = await openStore()
      const groups = [GROUP_A, GROUP_B, GROUP_C]
      const calls: Array<Promise<number>> = []
      for (let i = 0; i < 90; i++) {
        calls.push(store.append(groups[i % 3] as string, new Uint8Array([i])))
        // Some in later turns, while earlier ones of the same group are still being written.
        if (i % 7 === 6) await new Promise((resolve) => setImmediate(resolve))
      }
      const positions = await Promise.all(calls)
      for (const [g, groupId] of groups.entries()) {
        const mine = Array.from({ length: 30 }, (_, k) => 3 * k + g)
        expect(await store.load(groupId)).toEqual(mine.map((i) => new Uint8Array([i])))
        const theirPositions = mine.map((i) => positions[i] as number)
        expect(theirPositions).toEqual([...theirPositions].sort((x, y) => x - y))
      }
    })

    it('keeps groups apart', async () => {
      const { store } = await openStore()
      await store.append(GROUP_A, itemUpdate('a'))
      await store.append(GROUP_B, itemUpdate('b'))
      expect(itemsOf(await store.load(GROUP_A))).toEqual(['a'])
      expect(itemsOf(await store.load(GROUP_B))).toEqual(['b'])
    })

    it('stores a large update intact', async () => {
      const { store } = await openStore()
      const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) % 256)
      await store.append(GROUP_A, big)
      const [loaded, ...rest] = await store.load(GROUP_A)
      expect(rest).toEqual([])
      // Buffer.equals, because a deep equality over 2 MiB element by element takes seconds.
      expect(loaded && Buffer.from(loaded).equals(big)).toBe(true)
    })

    it('replace swaps every row of one group for the merged state, and only that group', async () => {
      const { store } = await openStore()
      const updates = ['a', 'b', 'c'].map(itemUpdate)
      for (const update of updates) await store.append(GROUP_A, update)
      await store.append(GROUP_B, itemUpdate('other'))
      const merged = Y.mergeUpdates(updates)
      await store.replace(GROUP_A, merged)
      expect(await store.load(GROUP_A)).toEqual([merged])
      expect(itemsOf(await store.load(GROUP_B))).toEqual(['other'])
    })

    it('appends after a replace come after the merged state', async () => {
      const { store } = await openStore()
      await store.append(GROUP_A, itemUpdate('a'))
      const state = Y.mergeUpdates(await store.load(GROUP_A))
      await store.replace(GROUP_A, state)
      const later = itemUpdate('b')
      await store.append(GROUP_A, later)
      expect(await store.load(GROUP_A)).toEqual([state, later])
    })

    it('replace works on a group never written', async () => {
      const { store } = await openStore()
      const state = itemUpdate('seed')
      await store.replace(GROUP_A, state)
      expect(await store.load(GROUP_A)).toEqual([state])
    })

    it('gives appends increasing positions, and read returns the last with the updates', async () => {
      const { store } = await openStore()
      expect(await store.read(GROUP_A)).toEqual({ updates: [], position: 0 })
      const updates = ['a', 'b', 'c'].map(itemUpdate)
      const positions: number[] = []
      for (const update of updates) positions.push(await store.append(GROUP_A, update))
      await store.append(GROUP_B, itemUpdate('other'))
      expect(positions[0]).toBeGreaterThan(0)
      expect([...positions].sort((x, y) => x - y)).toEqual(positions)
      expect(new Set(positions).size).toBe(3)
      expect(await store.read(GROUP_A)).toEqual({ updates, position: positions[2] })
      expect(await store.load(GROUP_A)).toEqual(updates)
    })

    it('replace up to a position keeps the later updates, after the snapshot', async () => {
      const { store } = await openStore()
      const merged = [itemUpdate('a'), itemUpdate('b')]
      let upTo = 0
      for (const update of merged) upTo = await store.append(GROUP_A, update)
      const tail = [itemUpdate('c'), itemUpdate('d')]
      const tailPositions: number[] = []
      for (const update of tail) tailPositions.push(await store.append(GROUP_A, update))
      const snapshot = Y.mergeUpdates(merged)
      await store.replace(GROUP_A, snapshot, upTo)
      const { updates, position } = await store.read(GROUP_A)
      expect(updates).toEqual([snapshot, ...tail])
      expect(position).toBe(tailPositions[1])
      // The next append still comes after everything, the snapshot included.
      const later = itemUpdate('e')
      expect(await store.append(GROUP_A, later)).toBeGreaterThan(position)
      expect(await store.load(GROUP_A)).toEqual([snapshot, ...tail, later])
    })

    it('replace never drops an update appended while it runs', async () => {
      const { store } = await openStore()
      let upTo = 0
      for (const text of ['a', 'b', 'c']) upTo = await store.append(GROUP_A, itemUpdate(text))
      const snapshot = Y.mergeUpdates(await store.load(GROUP_A))
      // Not awaited in between, as a room's background compaction and its appends interleave.
      const racing = ['d', 'e', 'f'].map(itemUpdate)
      await Promise.all([
        store.append(GROUP_A, racing[0] as Uint8Array),
        store.replace(GROUP_A, snapshot, upTo),
        store.append(GROUP_A, racing[1] as Uint8Array),
        store.append(GROUP_A, racing[2] as Uint8Array),
      ])
      const rows = await store.load(GROUP_A)
      expect(itemsOf(rows)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
      expect(rows[0]).toEqual(snapshot)
      expect(rows.slice(1)).toEqual(racing)
    })

    it('a second compaction replaces the first snapshot and the tail after it', async () => {
      const { store } = await openStore()
      let upTo = 0
      for (const text of ['a', 'b']) upTo = await store.append(GROUP_A, itemUpdate(text))
      await store.replace(GROUP_A, Y.mergeUpdates(await store.load(GROUP_A)), upTo)
      for (const text of ['c', 'd']) upTo = await store.append(GROUP_A, itemUpdate(text))
      const second = Y.mergeUpdates(await store.load(GROUP_A))
      await store.replace(GROUP_A, second, upTo)
      const last = itemUpdate('e')
      await store.append(GROUP_A, last)
      expect(await store.read(GROUP_A)).toEqual({
        updates: [second, last],
        position: expect.any(Number) as number,
      })
      expect(itemsOf(await store.load(GROUP_A))).toEqual(['a', 'b', 'c', 'd', 'e'])
    })

    it('keeps what it acknowledged across close and reopen', async () => {
      const { location, store } = await openStore()
      await store.append(GROUP_A, itemUpdate('a'))
      await store.replace(GROUP_B, itemUpdate('b'))
      const upTo = await store.append(GROUP_A, itemUpdate('c'))
      await store.replace(GROUP_A, Y.mergeUpdates(await store.load(GROUP_A)), upTo)
      const tail = itemUpdate('d')
      await store.append(GROUP_A, tail)
      const before = await store.read(GROUP_A)
      await store.close()
      const reopened = await location.open()
      onTestFinished(() => reopened.close())
      expect(await reopened.read(GROUP_A)).toEqual(before)
      expect(itemsOf(await reopened.load(GROUP_A))).toEqual(['a', 'c', 'd'])
      expect(itemsOf(await reopened.load(GROUP_B))).toEqual(['b'])
      expect(await reopened.append(GROUP_A, itemUpdate('e'))).toBeGreaterThan(before.position)
    })

    it('rejects calls after close, and a second close is harmless', async () => {
      const { store } = await openStore()
      await store.close()
      await expect(store.append(GROUP_A, itemUpdate('late'))).rejects.toThrow()
      await expect(store.load(GROUP_A)).rejects.toThrow()
      await expect(store.read(GROUP_A)).rejects.toThrow()
      await expect(store.replace(GROUP_A, itemUpdate('late'))).rejects.toThrow()
      await expect(store.close()).resolves.toBeUndefined()
    })
  })
}

docStoreContract('SQLite', async () => {
  const dataDir = await useTempDir('margins-store-')
  return { open: async () => createSqliteStore({ dataDir }) }
})

// One server for the file, a fresh database per location.
const postgres = usePostgres()

/** A fresh database on the file's PostgreSQL server. */
async function newDatabase(): Promise<string> {
  return createDatabase(postgres().url)
}

docStoreContract('PostgreSQL', async () => {
  const url = await newDatabase()
  return { open: async () => createPostgresStore({ url }) }
})

/** True when some session of the client's database is waiting for an advisory lock. */
async function waitingForLock(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ waiting: boolean }>(
    `SELECT count(*) > 0 AS waiting FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  )
  return rows[0]?.waiting === true
}

describe('PostgreSQL store shared by several nodes', () => {
  /** Two stores on one database, each with its own pool, as two server nodes have. */
  async function twoNodes() {
    const url = await newDatabase()
    const nodes = [createPostgresStore({ url }), createPostgresStore({ url })] as const
    onTestFinished(() => Promise.all(nodes.map((node) => node.close())).then(() => undefined))
    return { url, nodes }
  }

  it('loses no update when nodes append at once while one of them compacts', async () => {
    const { nodes } = await twoNodes()
    const written: string[] = []
    let appending = true
    const compactions = (async () => {
      let count = 0
      while (appending || count < 2) {
        const { updates, position } = await nodes[0].read(GROUP_A)
        if (updates.length > 1) {
          await nodes[0].replace(GROUP_A, Y.mergeUpdates(updates), position)
          count += 1
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
      return count
    })()
    for (let round = 0; round < 30; round++) {
      await Promise.all(
        [0, 1, 2, 3].map((i) => {
          const text = `${round}-${i}`
          written.push(text)
          return nodes[i % 2]!.append(GROUP_A, itemUpdate(text))
        }),
      )
    }
    appending = false
    expect(await compactions).toBeGreaterThan(0)
    expect(itemsOf(await nodes[1].load(GROUP_A))).toEqual([...written].sort())
  })

  it('a compaction never deletes an append that another node committed after the read', async () => {
    const { url, nodes } = await twoNodes()
    await nodes[0].append(GROUP_A, itemUpdate('a'))
    // A third node frozen in the middle of an append: lock taken, position drawn, row
    // inserted, not yet committed (the steps the store takes, in its order).
    const frozen = await holdGroupLock(url, GROUP_A)
    await frozen.query('INSERT INTO updates (group_id, data) VALUES ($1, $2)', [
      GROUP_A,
      Buffer.from(itemUpdate('slow')),
    ])
    // Meanwhile node 1 appends (its position would be greater than the frozen one) and node 0
    // reads for a compaction; then the frozen append commits, then the compaction writes.
    let settled = false
    const later = nodes[1].append(GROUP_A, itemUpdate('later')).finally(() => (settled = true))
    // Read once that append has committed, or is seen waiting for the frozen one.
    while (!settled && !(await waitingForLock(frozen))) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const seen = await nodes[0].read(GROUP_A)
    await frozen.query('COMMIT')
    await later
    await nodes[0].replace(GROUP_A, Y.mergeUpdates(seen.updates), seen.position)
    expect(itemsOf(await nodes[1].load(GROUP_A))).toEqual(['a', 'later', 'slow'])
  })

  it('gives the appends of each node increasing positions in the order readers see them', async () => {
    const { nodes } = await twoNodes()
    const positions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => nodes[i % 2]!.append(GROUP_A, new Uint8Array([i]))),
    )
    for (const node of [0, 1]) {
      const mine = positions.filter((_, i) => i % 2 === node)
      expect(mine).toEqual([...mine].sort((x, y) => x - y))
    }
    const { updates, position } = await nodes[0].read(GROUP_A)
    expect(updates).toHaveLength(40)
    expect(position).toBe(Math.max(...positions))
    // Rows come back in position order: each node's own updates in its call order.
    const order = updates.map((update) => update[0] as number)
    for (const node of [0, 1]) {
      const mine = order.filter((i) => i % 2 === node)
      expect(mine).toEqual([...mine].sort((x, y) => x - y))
    }
  })

  it('commits the appends of one group while another group waits for its lock', async () => {
    const { url, nodes } = await twoNodes()
    // Another node holds group A's lock, in the middle of an append of its own.
    const frozen = await holdGroupLock(url, GROUP_A)
    let waitingDone = false
    const waiting = nodes[0].append(GROUP_A, itemUpdate('a')).finally(() => (waitingDone = true))
    while (!(await waitingForLock(frozen))) await new Promise((resolve) => setTimeout(resolve, 10))
    // Group B, on the same node, is not held up behind it; nor is the database probe.
    await nodes[0].append(GROUP_B, itemUpdate('b'))
    await nodes[0].ping()
    expect(itemsOf(await nodes[1].load(GROUP_B))).toEqual(['b'])
    expect(waitingDone).toBe(false)
    await frozen.query('COMMIT')
    await waiting
    expect(itemsOf(await nodes[1].load(GROUP_A))).toEqual(['a'])
  })

  it('adds what it needs to a database whose tables an earlier version created', async () => {
    const url = await newDatabase()
    const earlier = new pg.Client({ connectionString: url })
    await earlier.connect()
    await earlier.query(`
      CREATE TABLE updates (
        position bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        group_id text NOT NULL,
        data bytea NOT NULL
      );
      CREATE INDEX updates_by_group ON updates (group_id, position);
      INSERT INTO updates (group_id, data) VALUES ('${GROUP_A}', '\\x${Buffer.from(itemUpdate('old')).toString('hex')}');
    `)
    await earlier.end()
    const store = createPostgresStore({ url })
    onTestFinished(() => store.close())
    await store.append(GROUP_A, itemUpdate('new'))
    expect(itemsOf(await store.load(GROUP_A))).toEqual(['new', 'old'])
  })

  it('refuses a URL that is not a PostgreSQL one, at once', () => {
    expect(() => createPostgresStore({ url: 'mysql://localhost/margins' })).toThrow(
      /not a PostgreSQL URL/,
    )
    expect(() => createPostgresStore({ url: 'no url' })).toThrow(/not a URL/)
  })

  it('says which server it cannot reach, without the password', async () => {
    const port = await freedPort()
    const store = createPostgresStore({ url: `postgres://margins:secret@127.0.0.1:${port}/m` })
    onTestFinished(() => store.close())
    const refused = new RegExp(`cannot connect to postgres://margins:\\*\\*\\*@127.0.0.1:${port}/m`)
    await expect(store.ready()).rejects.toThrow(refused)
    await expect(store.append(GROUP_A, itemUpdate('a'))).rejects.toThrow(refused)
    await expect(store.load(GROUP_A)).rejects.toThrow(refused)
  })

  it('goes on after the server restarts', async () => {
    const { nodes } = await twoNodes()
    await nodes[0].append(GROUP_A, itemUpdate('before'))
    await postgres().restart({ crash: true })
    // The pool's idle connections died with the server; the store opens new ones.
    await nodes[0].append(GROUP_A, itemUpdate('after'))
    expect(itemsOf(await nodes[1].load(GROUP_A))).toEqual(['after', 'before'])
  })
})
