import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../logger'
import type { Fanout, FanoutKind, FanoutListener, FanoutSubscription } from './fanout'
import { createRedisLease } from './redis-lease'
import { StreamReader, lastId, type FollowedStream } from './stream-reader'

/** Options of {@link createRedisFanout}. */
export interface RedisFanoutOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string
  /** Names this node in the entries it writes, so it skips its own. Default: a random id. */
  nodeId?: string
  /** Entries a group's stream keeps, roughly (`XADD MAXLEN ~`). Default 10 000. */
  maxLen?: number
  /** A stream nobody wrote to for this long is dropped by Redis. Default one day. */
  idleExpiryMs?: number
  logger?: Pick<Logger, 'info' | 'warn'>
}

/** How long a write or lookup may take before it counts as failed (Redis unreachable). */
const WRITE_TIMEOUT_MS = 2_000
/** The same for the reading connection, whose XREAD blocks for up to 2 s. */
const READ_TIMEOUT_MS = 10_000

/** Entry kinds on the wire: a room's kinds, and `resync` from a node that failed to publish. */
type EntryKind = FanoutKind | 'resync'

/** The stream of a group's fan-out entries. */
export function streamKeyOf(groupId: string): string {
  return `margins:${groupId}`
}

/**
 * Fan-out through Redis Streams (the design of yjs/y-redis, without its storage role): after a
 * node stores an update and sends it to its own members, it appends it to the group's stream
 * `margins:<groupId>` with its node id; every node with the room loaded reads the stream from
 * where it was when it loaded the room, and applies the entries of other nodes. A stream can be
 * replayed, so a node that blips resumes where it was instead of losing what went by (the flaw
 * of plain pub/sub); whatever Redis itself lost is in the store, and the rooms re-read it.
 *
 * Two connections: one blocks in XREAD, the other writes. Neither queues commands while Redis
 * is unreachable: publishing then fails at once, without holding up the members, and the groups
 * whose updates were not published are announced (`resync`) once Redis is back.
 */
export function createRedisFanout(options: RedisFanoutOptions): Fanout {
  const nodeId = options.nodeId ?? randomUUID()
  const maxLen = options.maxLen ?? 10_000
  const idleExpiryMs = options.idleExpiryMs ?? 24 * 60 * 60 * 1000
  const connect = (commandTimeout: number) =>
    new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A Redis that accepts connections but does not answer must not hold up a room's load.
      commandTimeout,
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    })
  const writer = connect(WRITE_TIMEOUT_MS)
  // Longer than an XREAD blocks (stream-reader.ts).
  const readerConnection = connect(READ_TIMEOUT_MS)
  let reachable = false
  const onError = (error: Error) => {
    if (!reachable) return
    reachable = false
    options.logger?.warn('fanout.unreachable', `Redis unreachable: ${error.message}`)
  }
  writer.on('error', onError)
  readerConnection.on('error', onError)
  /** Groups whose update this node could not publish: the other nodes must re-read them. */
  const unpublished = new Set<string>()
  writer.on('ready', () => {
    reachable = true
    options.logger?.info('fanout.ready', 'connected to Redis')
    for (const groupId of unpublished) {
      unpublished.delete(groupId)
      append(groupId, 'resync')
    }
  })
  const reader = new StreamReader(
    readerConnection,
    (clientId) => void writer.client('UNBLOCK', clientId).catch(() => undefined),
    (msg) => options.logger?.warn('fanout.read-failed', msg),
    maxLen,
  )

  function append(groupId: string, kind: EntryKind, bytes?: Uint8Array): void {
    const failed = () => {
      if (kind === 'update' || kind === 'resync') unpublished.add(groupId)
    }
    if (writer.status !== 'ready') return failed()
    const key = streamKeyOf(groupId)
    const fields: (string | Buffer)[] = ['n', nodeId, 'k', kind]
    if (bytes) fields.push('b', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    writer
      .pipeline()
      .xadd(key, 'MAXLEN', '~', maxLen, '*', ...fields)
      .pexpire(key, idleExpiryMs)
      .exec()
      .then((results) => {
        if (!results || results.some(([error]) => error)) failed()
      }, failed)
  }

  function deliver(listener: FanoutListener, fields: Map<string, Buffer>): void {
    if (fields.get('n')?.toString() === nodeId) return
    const kind = fields.get('k')?.toString() as EntryKind | undefined
    const bytes = fields.get('b')
    const payload = bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (kind === 'update' && payload) listener.update(payload)
    else if (kind === 'awareness' && payload) listener.awareness(payload)
    else if (kind === 'awareness-query') listener.awarenessQuery()
    else if (kind === 'resync') listener.resync()
  }

  return {
    async subscribe(groupId: string, listener: FanoutListener): Promise<FanoutSubscription> {
      const key = streamKeyOf(groupId)
      let cursor: string | undefined
      try {
        if (writer.status === 'ready') cursor = (await lastId(writer, key)) ?? '0-0'
      } catch {
        cursor = undefined
      }
      const stream: FollowedStream = {
        key,
        cursor,
        entry: (fields) => deliver(listener, fields),
        missed: () => listener.resync(),
      }
      reader.follow(stream)
      return {
        publish: (kind, bytes) => append(groupId, kind, bytes),
        close: () => reader.unfollow(stream),
      }
    },
    async resync(groupId) {
      if (writer.status !== 'ready') await new Promise((resolve) => writer.once('ready', resolve))
      await writer.xadd(
        streamKeyOf(groupId),
        'MAXLEN',
        '~',
        maxLen,
        '*',
        'n',
        nodeId,
        'k',
        'resync',
      )
    },
    lease: createRedisLease(writer),
    async ping() {
      if (writer.status !== 'ready') return false
      try {
        return (await writer.ping()) === 'PONG'
      } catch {
        return false
      }
    },
    async close() {
      const done = reader.close()
      readerConnection.disconnect()
      writer.disconnect()
      await done
    },
  }
}
