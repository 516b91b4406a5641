import type { Redis } from 'ioredis'
import { STREAM_START, compareStreamIds } from './stream-id'

/** One followed stream: where this node is in it, and who hears its entries. */
export interface FollowedStream {
  key: string
  /** Id of the last entry read; undefined until known (Redis was unreachable at subscribe). */
  cursor: string | undefined
  /** One entry, fields by name. */
  entry(fields: Map<string, Buffer>): void
  /** Entries may have been missed: the owner must re-read the store. */
  missed(): void
}

/** Most entries one XREAD returns per stream. */
const MAX_READ_COUNT = 500
/** Longest XREAD block: a stream followed while one is in flight waits at most this long. */
const BLOCK_MS = 2_000

/**
 * The reading side of the fan-out: one connection per node, one `XREAD BLOCK` over the streams
 * of every loaded room. After its connection comes back, every stream resumes from its cursor
 * and every room is told to re-read the store, since Redis may have lost or trimmed entries in
 * the meantime (a restart without the last second of its append-only file, say).
 */
export class StreamReader {
  private readonly streams = new Map<string, FollowedStream>()
  private clientId: number | undefined
  /** The connection dropped since the last read: recover before reading on. */
  private lost = false
  private everReady = false
  private closed = false
  private wake: () => void = () => {}
  readonly done: Promise<void>
  /**
   * Entries one XREAD returns per stream: at most half of what a stream keeps, so a node that
   * fell behind past trimmed entries always gets a full batch (approximate trimming keeps at
   * least `maxLen`), and checks for the gap only then.
   */
  private readonly readCount: number

  constructor(
    private readonly redis: Redis,
    /** Unblocks the reader's XREAD from another connection so a new stream is read at once. */
    private readonly unblock: (clientId: number) => void,
    private readonly warn: (msg: string) => void,
    /** Entries each stream keeps at least (its `XADD MAXLEN ~`). */
    maxLen: number,
  ) {
    this.readCount = Math.max(1, Math.min(MAX_READ_COUNT, Math.floor(maxLen / 2)))
    redis.on('ready', () => {
      this.clientId = undefined
      if (this.everReady) this.lost = true
      this.everReady = true
      this.wake()
    })
    this.done = this.loop()
  }

  /** Starts reading `stream` (replacing one with the same key). */
  follow(stream: FollowedStream): void {
    this.streams.set(stream.key, stream)
    this.wake()
    if (this.clientId !== undefined) this.unblock(this.clientId)
  }

  /** Stops reading `stream`, unless another took its key since. */
  unfollow(stream: FollowedStream): void {
    if (this.streams.get(stream.key) === stream) this.streams.delete(stream.key)
  }

  close(): Promise<void> {
    this.closed = true
    this.wake()
    return this.done
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      try {
        if (this.redis.status !== 'ready' || this.streams.size === 0) {
          await this.sleep(BLOCK_MS)
          continue
        }
        this.clientId ??= Number(await this.redis.client('ID'))
        if (this.lost) await this.recover()
        await this.place()
        await this.read()
      } catch (error) {
        if (this.closed) return
        this.lost = true
        this.warn(`reading the fan-out streams failed: ${String(error)}`)
        await this.sleep(200)
      }
    }
  }

  /** Waits `ms`, or less if something changes (a stream followed, a reconnect, close). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wake = done
    })
  }

  /**
   * After a reconnect: a stream that is gone, or now ends before the cursor (Redis restarted
   * without it), is read from its start; then every room re-reads the store.
   */
  private async recover(): Promise<void> {
    const streams = [...this.streams.values()]
    for (const stream of streams) {
      if (stream.cursor === undefined) continue
      const last = await lastId(this.redis, stream.key)
      if (last === undefined || compareStreamIds(last, stream.cursor) < 0) {
        stream.cursor = last ?? STREAM_START
      }
    }
    this.lost = false
    for (const stream of streams) stream.missed()
  }

  /** Streams followed while Redis was unreachable start at the current end, then resync. */
  private async place(): Promise<void> {
    for (const stream of this.streams.values()) {
      if (stream.cursor !== undefined) continue
      stream.cursor = (await lastId(this.redis, stream.key)) ?? STREAM_START
      stream.missed()
    }
  }

  private async read(): Promise<void> {
    const streams = [...this.streams.values()]
    const keys = streams.map((stream) => stream.key)
    const cursors = streams.map((stream) => stream.cursor ?? STREAM_START)
    const reply = await this.redis.callBuffer('XREAD', [
      ...['COUNT', this.readCount, 'BLOCK', BLOCK_MS, 'STREAMS'],
      ...keys,
      ...cursors,
    ])
    for (const [keyBytes, entries] of streamsOf(reply)) {
      const key = keyBytes.toString()
      const stream = this.streams.get(key)
      if (!stream) continue
      const before = stream.cursor ?? STREAM_START
      for (const [id, flat] of entries) {
        stream.cursor = id.toString()
        const fields = new Map<string, Buffer>()
        for (let i = 0; i + 1 < flat.length; i += 2) {
          fields.set((flat[i] as Buffer).toString(), flat[i + 1] as Buffer)
        }
        stream.entry(fields)
      }
      // A full batch means this node fell behind: check that trimming did not pass it by.
      if (entries.length === this.readCount && (await trimmedAfter(this.redis, key, before))) {
        stream.missed()
      }
    }
  }
}

type StreamReply = [Buffer, [Buffer, Buffer[]][]]

/**
 * The streams of an XREAD reply: RESP3 (ioredis's default) answers a map, which comes as a flat
 * `[key, entries, key, entries…]` array; RESP2 answers `[[key, entries]…]`.
 */
function streamsOf(reply: unknown): StreamReply[] {
  if (!Array.isArray(reply) || reply.length === 0) return []
  if (Array.isArray(reply[0])) return reply as StreamReply[]
  const pairs: StreamReply[] = []
  for (let i = 0; i + 1 < reply.length; i += 2) {
    pairs.push([reply[i] as Buffer, reply[i + 1] as StreamReply[1]])
  }
  return pairs
}

/** The id of a stream's last entry, or undefined if the stream does not exist. */
export async function lastId(redis: Redis, key: string): Promise<string | undefined> {
  const entries = await redis.xrevrange(key, '+', '-', 'COUNT', 1)
  return entries[0]?.[0]
}

/**
 * True if trimming may have dropped entries after `cursor`: the entry at the cursor is gone
 * (the oldest left is newer). Trimming drops the oldest entries first, and keeps at least
 * `maxLen`, so a reader that is caught up never sees this; one that fell that far behind
 * resyncs, at worst once too often.
 */
async function trimmedAfter(redis: Redis, key: string, cursor: string): Promise<boolean> {
  const oldest = (await redis.xrange(key, '-', '+', 'COUNT', 1))[0]?.[0]
  return oldest !== undefined && compareStreamIds(oldest, cursor) > 0
}
