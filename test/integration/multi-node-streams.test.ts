import { Redis } from 'ioredis'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createGroupKeys } from '../../shared/invite'
import type { FanoutListener } from '../../server/fanout/fanout'
import { createRedisFanout, streamKeyOf } from '../../server/fanout/redis-fanout'
import { useRedis } from '../helpers/redis-server'
import { waitFor } from '../helpers/wait-for'

const redis = useRedis()

/** What a room would hear: the first byte of each update, and how often it was told to resync. */
function recordingListener() {
  const heard = { updates: [] as number[], resyncs: 0 }
  const listener: FanoutListener = {
    update: (update) => heard.updates.push(update[0] as number),
    awareness: () => {},
    awarenessQuery: () => {},
    resync: () => heard.resyncs++,
  }
  return { heard, listener }
}

/** A plain client that writes entries as another node would. */
function otherNode(): Redis {
  const client = new Redis(redis().url)
  onTestFinished(() => client.disconnect())
  return client
}

/** A fan-out connected to Redis: one created a moment ago may not be yet. */
async function connectedFanout(maxLen?: number) {
  const fanout = createRedisFanout({ url: redis().url, maxLen })
  onTestFinished(() => fanout.close())
  for (let tries = 0; !(await fanout.ping()); tries++) {
    if (tries > 500) throw new Error('the fan-out never connected')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return fanout
}

const entry = (n: number) => ['n', 'other-node', 'k', 'update', 'b', Buffer.from([n])]

describe('the fan-out stream reader', () => {
  it('tells a room to resync when Redis trimmed entries it had not read, and only then', async () => {
    const fanout = await connectedFanout(20)
    const other = otherNode()
    const groupId = createGroupKeys().groupId
    const key = streamKeyOf(groupId)
    await other.xadd(key, '*', ...entry(0))
    const { heard, listener } = recordingListener()
    const subscription = await fanout.subscribe(groupId, listener)
    onTestFinished(() => subscription.close())

    // 15 entries at once, none trimmed: read in full batches, and no resync.
    const batch = other.multi()
    for (let n = 1; n <= 15; n++) batch.xadd(key, 'MAXLEN', 20, '*', ...entry(n))
    await batch.exec()
    await waitFor('the 15 entries', () => heard.updates.length === 15)
    expect(heard.resyncs).toBe(0)

    // 100 more at once, trimmed to the last 20 before the reader sees any: it missed 80.
    const burst = other.multi()
    for (let n = 16; n <= 115; n++) burst.xadd(key, 'MAXLEN', 20, '*', ...entry(n % 256))
    await burst.exec()
    await waitFor('the entries that are left', () => heard.updates.at(-1) === 115)
    await waitFor('the resync', () => heard.resyncs === 1)
    expect(heard.updates).toHaveLength(35)
  })

  it('after Redis lost a stream, resyncs and reads the stream as it starts again', async () => {
    const fanout = await connectedFanout()
    const other = otherNode()
    const groupId = createGroupKeys().groupId
    const key = streamKeyOf(groupId)
    const { heard, listener } = recordingListener()
    const subscription = await fanout.subscribe(groupId, listener)
    onTestFinished(() => subscription.close())
    await other.xadd(key, '*', ...entry(1))
    await waitFor('the first entry', () => heard.updates.length === 1)

    // As after a restart without its data: the stream starts again, at lower ids.
    await other.flushall()
    await other.xadd(key, '1-1', ...entry(2))
    await other.call('CLIENT', ['KILL', 'TYPE', 'normal'])
    await waitFor('a resync after the reconnect', () => heard.resyncs === 1, 10_000)
    await other.xadd(key, '1-2', ...entry(3))
    await waitFor('an entry of the new stream', () => heard.updates.includes(3), 10_000)
  })
})
