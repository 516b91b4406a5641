import pg from 'pg'

/** Connection options shared by the PostgreSQL stores. */
export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`, with `?sslmode=` etc.). */
  url: string
  /** Most connections the store's pool opens; default 10. */
  maxConnections?: number
  /** How long to wait for a connection before failing; default 10 000 ms. */
  connectTimeoutMs?: number
  /** Where to report a connection the server dropped while idle; default: ignored. */
  log?: (message: string) => void
}

/**
 * Advisory lock class ids (the first key of the two-key `pg_advisory_xact_lock`) used by Margins,
 * so that its locks never collide with each other or with those of another application.
 */
export const ADVISORY_LOCK = {
  /** Creating the schema: two nodes starting at once would race on `CREATE TABLE`. */
  schema: 0x4d52_0001,
  /** Appending to or replacing the updates of one group (second key: {@link groupLockKey}). */
  group: 0x4d52_0002,
} as const

/** `url` with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable URL)'
  }
}

/**
 * A pool for `options.url`, after checking that it is a PostgreSQL URL at all (throws at once
 * when it is not). Connecting happens on first use.
 */
export function createPool(options: PostgresConnectionOptions, what: string): pg.Pool {
  let parsed: URL
  try {
    parsed = new URL(options.url)
  } catch {
    throw new Error(`${what}: not a URL: ${redactUrl(options.url)} (want postgres://…)`)
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`${what}: not a PostgreSQL URL: ${redactUrl(options.url)} (want postgres://…)`)
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  })
  // An idle connection the server closed (a restart) emits here; without a listener that
  // would crash the process. The pool drops it and the next query opens a new one.
  pool.on('error', (error) => options.log?.(`${what}: idle connection lost: ${error.message}`))
  return pool
}

/** The tables (and indexes, functions) a store needs, and the statements that create them. */
export interface Schema {
  /** Every relation `sql` creates, by name: when all exist (and the functions), `sql` is not run. */
  relations: string[]
  /** Every function `sql` creates, as `name(argument types)`. */
  functions?: string[]
  /** Idempotent statements: `CREATE … IF NOT EXISTS`, `CREATE OR REPLACE FUNCTION`. */
  sql: string
}

/**
 * Creates the tables of `schema` unless they all exist, in one transaction under a schema lock
 * so that nodes opening the same database at once do not race. When they exist it runs no DDL:
 * even `CREATE INDEX IF NOT EXISTS` locks its table against writes, and would stall the other
 * nodes' commits while one node starts. Rejects with a message naming the server when it cannot
 * be reached.
 */
export async function ensureSchema(
  pool: pg.Pool,
  url: string,
  what: string,
  schema: Schema,
): Promise<void> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw new Error(`${what}: cannot connect to ${redactUrl(url)}: ${describe(error)}`, {
      cause: error,
    })
  }
  try {
    if (await present(client, schema)) return
  } catch (error) {
    throw new Error(`${what}: cannot read ${redactUrl(url)}: ${describe(error)}`, { cause: error })
  } finally {
    client.release()
  }
  try {
    await inTransaction(pool, async (locked) => {
      await locked.query('SELECT pg_advisory_xact_lock($1, 0)', [ADVISORY_LOCK.schema])
      if (!(await present(locked, schema))) await locked.query(schema.sql)
    })
  } catch (error) {
    throw new Error(`${what}: cannot create its tables in ${redactUrl(url)}: ${describe(error)}`, {
      cause: error,
    })
  }
}

/** True when every relation and function of `schema` exists (in the search path). */
async function present(client: pg.PoolClient, schema: Schema): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT (SELECT bool_and(to_regclass(name) IS NOT NULL) FROM unnest($1::text[]) AS name)
        AND (SELECT coalesce(bool_and(to_regprocedure(name) IS NOT NULL), true)
             FROM unnest($2::text[]) AS name) AS present`,
    [schema.relations, schema.functions ?? []],
  )
  return rows[0]?.present === true
}

/** A driver error as one line: `AggregateError`s (every address refused) have no message. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describe).join('; ')
  }
  if (error instanceof Error) {
    const code = (error as { code?: string }).code
    return error.message || code || error.name
  }
  return String(error)
}

/** Runs `work` in a transaction on one connection of `pool`; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    client.release()
    return result
  } catch (error) {
    // A connection that cannot even roll back is broken: destroy it rather than reuse it.
    const broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    )
    client.release(broken ? (error as Error) : undefined)
    throw error
  }
}

/** A view of a `bytea` without a copy, as a plain Uint8Array rather than a Buffer. */
export function toBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** `bytes` as a Buffer (no copy), which is what the driver sends as a `bytea`. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
