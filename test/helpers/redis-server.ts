import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { fixedPort } from './freed-port'
import { waitFor } from './wait-for'

const REDIS_SERVER = process.env.MARGINS_TEST_REDIS_SERVER ?? '/usr/bin/redis-server'

/** A real redis-server for tests, on 127.0.0.1, with its data (AOF on) in a temp dir. */
export interface RedisTestServer {
  /** `redis://127.0.0.1:<port>`: the same across restarts. */
  url: string
  port: number
  /** Stops it: SIGTERM (clean, AOF flushed) or, with `kill`, SIGKILL. */
  stop(options?: { kill?: boolean }): Promise<void>
  /** Starts it again on the same port and data dir (after `stop`). */
  start(): Promise<void>
  /** Stops it for good and removes its data dir. */
  close(): Promise<void>
}

/**
 * Starts `redis-server` as the tests need it: loopback only, no RDB snapshots, append-only
 * file on (fsync every second, Redis's default), data in a fresh temp dir. The caller closes it.
 */
export async function startRedis(): Promise<RedisTestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'margins-redis-'))
  const port = await fixedPort()
  let child: ChildProcess | undefined
  let output = ''
  let exited: Promise<void> = Promise.resolve()

  const start = async () => {
    output = ''
    const started = spawn(
      REDIS_SERVER,
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
        ...['--save', '', '--appendonly', 'yes', '--daemonize', 'no', '--protected-mode', 'no'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = started
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    let ended = false
    exited = new Promise((resolve) => started.on('close', () => resolve()))
    void exited.then(() => (ended = true))
    await waitFor(
      `redis-server to accept connections on port ${port}`,
      () => /Ready to accept connections/.test(output) || ended,
      20_000,
    )
    if (ended) throw new Error(`redis-server exited early:\n${output.slice(-2_000)}`)
  }

  const stop = async (options: { kill?: boolean } = {}) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    child.kill(options.kill ? 'SIGKILL' : 'SIGTERM')
    await exited
  }

  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    close: async () => {
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * One Redis for the current test file (or `describe`): started in `beforeAll`, closed in
 * `afterAll`. Call at file or `describe` level; call what it returns inside tests.
 */
export function useRedis(): () => RedisTestServer {
  let server: RedisTestServer | undefined
  beforeAll(async () => {
    server = await startRedis()
  }, 30_000)
  afterAll(() => server?.close())
  return () => {
    if (!server) throw new Error('Redis test server not started (see the beforeAll error)')
    return server
  }
}
