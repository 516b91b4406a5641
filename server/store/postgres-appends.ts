import { createHash } from 'node:crypto'
import type pg from 'pg'
import { ADVISORY_LOCK, toBuffer } from './postgres-pool'

/**
 * The function an append transaction is, so that it costs one round trip (one statement,
 * committed before the server answers) instead of five (BEGIN, lock, draw, insert, COMMIT),
 * each of which waits for a turn of a busy node's event loop. It takes the locks of the groups
 * (their keys in the order given: ascending, so two nodes never deadlock) before it draws
 * positions, and gives the drawn positions, ascending, to the updates in array order. Versioned
 * by name: a changed body gets a new name, so a node never runs an older body than its own.
 */
export const APPEND_FUNCTION = 'margins_append_v1'

/** `CREATE` statement of {@link APPEND_FUNCTION}, for the store's schema. */
export const APPEND_FUNCTION_SQL = `
CREATE OR REPLACE FUNCTION ${APPEND_FUNCTION}(
  lock_class integer, lock_keys integer[], group_ids text[], datas bytea[]
) RETURNS bigint[] LANGUAGE plpgsql AS $fn$
DECLARE
  lock_key integer;
  drawn bigint[];
BEGIN
  FOREACH lock_key IN ARRAY lock_keys LOOP
    PERFORM pg_advisory_xact_lock(lock_class, lock_key);
  END LOOP;
  SELECT array_agg(fresh.position ORDER BY fresh.position) INTO drawn
    FROM (SELECT nextval(pg_get_serial_sequence('updates', 'position')) AS position
          FROM generate_series(1, cardinality(datas))) AS fresh;
  INSERT INTO updates (position, group_id, data)
    SELECT appended.position, appended.group_id, appended.data
    FROM unnest(drawn, group_ids, datas) AS appended(position, group_id, data);
  RETURN drawn;
END
$fn$;
`

/** Signature of {@link APPEND_FUNCTION}, to check that it exists. */
export const APPEND_FUNCTION_SIGNATURE = `${APPEND_FUNCTION}(integer,integer[],text[],bytea[])`

/**
 * The second key of a group's advisory lock: 32 bits of the SHA-256 of its id. Two groups that
 * share a key only wait for each other now and then; correctness never depends on it.
 */
export function groupLockKey(groupId: string): number {
  return createHash('sha256').update(groupId).digest().readInt32BE(0)
}

interface Queued {
  update: Uint8Array
  resolve: (position: number) => void
  reject: (error: unknown) => void
}

/** The appends of one group on their way to the database. */
interface GroupAppends {
  /** Called, not yet in a transaction: they go together in the group's next one. */
  queued: Queued[]
  /** True while a transaction holding appends of the group is on its way. */
  inFlight: boolean
  /** Settles once every append of the group called so far has. */
  last: Promise<unknown>
}

/** The append side of the PostgreSQL doc store. */
export interface PostgresAppends {
  /** Queues an append; resolves with its position once committed. */
  append(groupId: string, update: Uint8Array): Promise<number>
  /** Settles once every append of `groupId` called so far has. */
  settled(groupId: string): Promise<unknown>
  /** Settles once every append called so far has. */
  settledAll(): Promise<unknown>
}

/**
 * Appends in transactions of {@link APPEND_FUNCTION}. A transaction takes the appends queued
 * for every group that has none in flight: one transaction for all the rooms of a busy node
 * (one commit, one WAL flush), and a group waiting for its lock (another node is writing it)
 * does not hold up the others, whose next transaction goes without it. A group has at most one
 * transaction in flight, and its appends go in call order, so they commit in call order.
 * `connection` is the pool's `connect`, after the schema is ready.
 */
export function createPostgresAppends(connection: () => Promise<pg.PoolClient>): PostgresAppends {
  const groups = new Map<string, GroupAppends>()
  let scheduled = false
  /** True while a transaction waits for its connection: the next one waits for that. */
  let connecting = false

  /** Groups with queued appends and none in flight: the next transaction's. */
  function takeWaiting(): Array<[string, Queued[]]> {
    const taken: Array<[string, Queued[]]> = []
    for (const [groupId, group] of groups) {
      if (group.inFlight || group.queued.length === 0) continue
      group.inFlight = true
      taken.push([groupId, group.queued])
      group.queued = []
    }
    return taken
  }

  function done(taken: Array<[string, Queued[]]>): void {
    for (const [groupId] of taken) {
      const group = groups.get(groupId) as GroupAppends
      group.inFlight = false
      if (group.queued.length === 0) groups.delete(groupId)
    }
    kick()
  }

  async function commit(): Promise<void> {
    let client: pg.PoolClient
    connecting = true
    try {
      client = await connection()
    } catch (error) {
      connecting = false
      const taken = takeWaiting()
      for (const [, queued] of taken) for (const entry of queued) entry.reject(error)
      done(taken)
      return
    }
    connecting = false
    // Taken only now: whatever was called while waiting for the connection comes along.
    const taken = takeWaiting()
    if (taken.length === 0) {
      client.release()
      return
    }
    taken.sort(([a], [b]) => groupLockKey(a) - groupLockKey(b))
    const entries = taken.flatMap(([groupId, queued]) =>
      queued.map((entry) => ({ groupId, entry })),
    )
    try {
      const { rows } = await client.query<{ positions: string[] }>(
        `SELECT ${APPEND_FUNCTION}($1, $2, $3, $4)::text[] AS positions`,
        [
          ADVISORY_LOCK.group,
          [...new Set(taken.map(([groupId]) => groupLockKey(groupId)))],
          entries.map(({ groupId }) => groupId),
          entries.map(({ entry }) => toBuffer(entry.update)),
        ],
      )
      client.release()
      const positions = rows[0]?.positions ?? []
      entries.forEach(({ entry }, i) => entry.resolve(Number(positions[i])))
    } catch (error) {
      // Perhaps a connection the server cut: never hand it out again.
      client.release(error as Error)
      for (const { entry } of entries) entry.reject(error)
    }
    done(taken)
  }

  function kick(): void {
    if (scheduled || connecting) return
    let waiting = false
    for (const group of groups.values()) waiting ||= !group.inFlight && group.queued.length > 0
    if (!waiting) return
    scheduled = true
    // After the current turn, so that every room appending in it joins the same transaction.
    setImmediate(() => {
      scheduled = false
      void commit()
    })
  }

  return {
    append: (groupId, update) => {
      let group = groups.get(groupId)
      if (!group) {
        group = { queued: [], inFlight: false, last: Promise.resolve() }
        groups.set(groupId, group)
      }
      const { queued } = group
      const appended = new Promise<number>((resolve, reject) => {
        queued.push({ update, resolve, reject })
      })
      group.last = appended.catch(() => undefined)
      kick()
      return appended
    },
    settled: async (groupId) => groups.get(groupId)?.last,
    settledAll: () => Promise.all([...groups.values()].map((group) => group.last)),
  }
}
