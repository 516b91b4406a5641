import { describe, expect, it } from 'vitest'
import { createGroupKeys } from '../../shared/invite'
import { rawUpgradeStatus } from '../helpers/raw-upgrade'
import { healthOf, sampleOf, waitUntil } from '../helpers/server-observe'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

describe('health, metrics and logs', () => {
  it('reports connections, rooms, traffic, stored updates, store latency and refusals', async () => {
    const { server, lines, records } = await startTestServer({
      dataDir: await useTempDir(),
      idleUnloadMs: 60_000,
    })
    const keys = createGroupKeys()
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const watcher = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    for (const item of ['a', 'b', 'c']) {
      writer.doc.getArray<string>('items').push([item])
      await waitFor(`the watcher to see ${item}`, () => itemsOf(watcher.doc).includes(item))
    }
    const target = `/sync/${keys.groupId}?token=${createGroupKeys().writeKey}`
    expect(await rawUpgradeStatus(server.port, target)).toBe(401)

    const health = await healthOf(server.url)
    expect(health).toMatchObject({
      ok: true,
      roomsLoaded: 1,
      connections: 2,
      pendingConnections: 0,
    })
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0)

    const response = await fetch(`${server.url}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    const sample = (name: string) => sampleOf(text, name)
    expect(sample('margins_connections')).toBe(2)
    expect(sample('margins_rooms_loaded')).toBe(1)
    // Three edits, each stored before it reached the watcher; a room may merge queued ones.
    const stored = sample('margins_updates_stored_total') ?? 0
    expect(stored).toBeGreaterThanOrEqual(1)
    expect(sample('margins_bytes_stored_total')).toBeGreaterThan(0)
    expect(sample('margins_messages_received_total')).toBeGreaterThanOrEqual(3)
    expect(sample('margins_messages_sent_total')).toBeGreaterThanOrEqual(3)
    expect(sample('margins_bytes_received_total')).toBeGreaterThan(0)
    expect(sample('margins_bytes_sent_total')).toBeGreaterThan(0)
    expect(sample('margins_store_duration_seconds_count{operation="append"}')).toBe(stored)
    expect(sample('margins_store_duration_seconds_bucket{operation="append",le="+Inf"}')).toBe(
      stored,
    )
    expect(sample('margins_store_duration_seconds_sum{operation="append"}')).toBeGreaterThan(0)
    expect(sample('margins_refusals_total{reason="bad-token"}')).toBe(1)
    // Every sample belongs to a metric declared with # TYPE, as Prometheus requires.
    const declared = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]))
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      const name = /^[a-z_]+/.exec(line)?.[0] ?? ''
      expect(declared.has(name.replace(/_(bucket|sum|count)$/, '')) || declared.has(name)).toBe(
        true,
      )
    }

    writer.close()
    watcher.close()
    await waitUntil(
      'the connections to close',
      async () => (await healthOf(server.url)).connections === 0,
    )

    expect(records.length).toBe(lines.length)
    for (const record of records) {
      expect(Number.isNaN(Date.parse(record.time))).toBe(false)
      expect(['info', 'warn', 'error']).toContain(record.level)
      expect(record.event).toMatch(/^[a-z.-]+$/)
    }
    expect(records).toContainEqual(expect.objectContaining({ event: 'sync.refused', status: 401 }))
    expect(records).toContainEqual(expect.objectContaining({ event: 'sync.open', access: 'write' }))
    const logged = lines.join('\n')
    expect(logged).not.toContain(keys.writeKey)
    expect(logged).not.toContain(keys.readKey)
  })
})
