import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { access, chown, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, onTestFinished } from 'vitest'
import { ADVISORY_LOCK } from '../../server/store/postgres-pool'
import { groupLockKey } from '../../server/store/postgres-store'
import { fixedPort } from './freed-port'
import { waitFor } from './wait-for'

const run = promisify(execFile)

/** A real PostgreSQL server for tests, on 127.0.0.1, with its data in a temp dir. */
export interface PostgresTestServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth): the same across restarts. */
  url: string
  port: number
  /** Stops it for good (fast shutdown) and removes its data dir. Safe to call twice. */
  stop(): Promise<void>
  /**
   * Stops it and starts it again on the same port and data. With `crash`, it stops as after a
   * power cut (immediate shutdown: no checkpoint, WAL replayed on start); else a fast shutdown.
   * Either way every open connection is cut.
   */
  restart(options?: { crash?: boolean }): Promise<void>
}

/** Where Debian puts the server binaries: `/usr/lib/postgresql/<major>/bin`. */
async function findBinDir(): Promise<string> {
  const fromEnv = process.env.MARGINS_TEST_POSTGRES_BIN
  const candidates = fromEnv
    ? [fromEnv]
    : ['17', '16', '15', '14', '13'].map((major) => `/usr/lib/postgresql/${major}/bin`)
  for (const dir of candidates) {
    const found = await access(join(dir, 'initdb')).then(
      () => true,
      () => false,
    )
    if (found) return dir
  }
  throw new Error(
    `PostgreSQL server binaries not found (looked for initdb in ${candidates.join(', ')}): ` +
      'apt-get install postgresql, or set MARGINS_TEST_POSTGRES_BIN to the directory of initdb',
  )
}

/** Postgres refuses to run as root: as root, run it as the `postgres` user. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim())
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim())
    return { uid, gid }
  } catch {
    throw new Error('running as root, but there is no `postgres` user: apt-get install postgresql')
  }
}

/** Servers still running, stopped if the test process exits without `stop`. */
const running = new Set<{ child: ChildProcess; dir: string }>()
process.once('exit', () => {
  for (const { child, dir } of running) {
    child.kill('SIGQUIT')
    rmSync(dir, { recursive: true, force: true })
  }
})

/** Options of {@link startPostgres}. */
export interface PostgresTestOptions {
  /**
   * Sync the WAL to disk at each commit, as a production server does (`fsync`,
   * `full_page_writes` on): for benchmarks, to compare with SQLite's `synchronous = FULL`.
   * Tests leave it off.
   */
  fsync?: boolean
}

/**
 * Starts a PostgreSQL server as the tests need it: a fresh cluster (initdb, trust auth, UTF-8,
 * C locale) in a temp dir, listening on 127.0.0.1 only, its unix socket in that dir too. Takes
 * a couple of seconds, so start one per test file (`beforeAll`) and give each test its own
 * database with {@link createDatabase}; the caller stops it (`afterAll(() => server.stop())`).
 */
export async function startPostgres(
  options: PostgresTestOptions = {},
): Promise<PostgresTestServer> {
  const durability = options.fsync ? 'on' : 'off'
  const bin = await findBinDir()
  const user = await serverUser()
  const dir = await mkdtemp(join(tmpdir(), 'margins-pg-'))
  const data = join(dir, 'data')
  await mkdir(data, { mode: 0o700 })
  if (user) {
    await chown(dir, user.uid, user.gid)
    await chown(data, user.uid, user.gid)
  }
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' }
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { env, ...user },
    )
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    const stderr = (error as { stderr?: string }).stderr ?? ''
    throw new Error(`initdb failed: ${(error as Error).message}\n${stderr}`)
  }
  const port = await fixedPort()
  let entry: { child: ChildProcess; dir: string } | undefined
  let exited: Promise<void> = Promise.resolve()

  const start = async () => {
    let output = ''
    const child = spawn(
      join(bin, 'postgres'),
      [
        ...['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir],
        // Tests do not survive a power cut anyway; fsync off spares the shared disk. Commits
        // still wait for their WAL write (synchronous_commit stays on), as in production.
        ...['-c', `fsync=${durability}`, '-c', `full_page_writes=${durability}`],
        ...['-c', 'max_connections=200'],
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'], ...user },
    )
    entry = { child, dir }
    running.add(entry)
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    let ended = false
    exited = new Promise((resolve) => child.on('close', () => resolve()))
    void exited.then(() => (ended = true))
    await waitFor(
      `postgres to accept connections on port ${port}`,
      () => /ready to accept connections/.test(output) || ended,
      30_000,
    )
    if (ended) throw new Error(`postgres exited early:\n${output.slice(-2_000)}`)
  }

  const halt = async (signal: NodeJS.Signals) => {
    const current = entry
    if (!current) return
    entry = undefined
    if (current.child.exitCode === null && current.child.signalCode === null) {
      current.child.kill(signal)
      await exited
    }
    running.delete(current)
  }

  try {
    await start()
  } catch (error) {
    await halt('SIGQUIT')
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      if (stopped) return
      stopped = true
      // SIGINT is the fast shutdown: it disconnects clients instead of waiting for them.
      await halt('SIGINT')
      await rm(dir, { recursive: true, force: true })
    },
    restart: async (options = {}) => {
      if (stopped) throw new Error('postgres test server stopped for good')
      await halt(options.crash ? 'SIGQUIT' : 'SIGINT')
      await start()
    },
  }
}

/**
 * A new empty database on the server of `url` (`CREATE DATABASE` with a unique name) and the
 * URL of it: a fresh location per test on one shared server. It goes when the server stops.
 */
export async function createDatabase(url: string): Promise<string> {
  const name = `margins_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const target = new URL(url)
  target.pathname = `/${name}`
  return target.toString()
}

/**
 * One server for the current test file (or `describe`): started in `beforeAll`, stopped and
 * removed in `afterAll`. Call at file or `describe` level; call what it returns inside tests.
 */
export function usePostgres(): () => PostgresTestServer {
  let server: PostgresTestServer | undefined
  beforeAll(async () => {
    server = await startPostgres()
  }, 60_000)
  afterAll(() => server?.stop())
  return () => {
    if (!server) throw new Error('PostgreSQL test server not started (see the beforeAll error)')
    return server
  }
}

/**
 * A session of another node frozen in the middle of a write to `groupId` on the database at
 * `url`: a transaction open, the group's lock taken (as the store takes it), nothing committed.
 * Appends and replaces of the group wait until it runs `COMMIT` (or `ROLLBACK`). Ended when the
 * current test finishes; errors from the server going away are ignored.
 */
export async function holdGroupLock(url: string, groupId: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  onTestFinished(() => client.end())
  await client.query('BEGIN')
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
    ADVISORY_LOCK.group,
    groupLockKey(groupId),
  ])
  return client
}
