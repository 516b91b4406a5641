import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createGroupKeys, type GroupKeys } from '../../shared/invite'
import { MESSAGE_SYNC, encodeUpdate } from '../../server/protocol'
import { awarenessMessage } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const CONNECTIONS = 1_000
/** Below the server's default per-IP connection cap. */
const BATCH = 40

/** `global.gc`, exposed at run time if the test runner did not start Node with it. */
function collector(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return process.memoryUsage().heapUsed
}

/** Active handles and requests by type, e.g. `{ TCPSocketWrap: 3, Timeout: 2 }`. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1
  return counts
}

/** One short visit: sync, an edit, presence, then a clean close. */
async function visit(url: string, keys: GroupKeys, n: number): Promise<void> {
  const socket = new WebSocket(
    `${url.replace(/^http/, 'ws')}/sync/${keys.groupId}?token=${keys.writeKey}`,
  )
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const doc = new Y.Doc()
  doc.getMap<number>('visits').set(String(doc.clientID), n)
  const step1 = encoding.createEncoder()
  encoding.writeVarUint(step1, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(step1, doc)
  socket.send(encoding.toUint8Array(step1))
  socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
  socket.send(awarenessMessage([{ clientId: doc.clientID, clock: 1, state: '{"n":1}' }]))
  // Wait for the room's answer, so the visit really went through the room.
  await new Promise((resolve) => socket.once('message', resolve))
  const closed = new Promise((resolve) => socket.once('close', resolve))
  socket.close()
  await closed
  doc.destroy()
}

describe('rooms under many short connections', () => {
  it('leave no room, socket, timer or memory behind after 1,000 connections', async () => {
    const gc = collector()
    const dataDir = await useTempDir()
    const { server, logs } = await startTestServer({ dataDir, idleUnloadMs: 20 })
    const groups = Array.from({ length: 4 }, () => createGroupKeys())
    const run = async (from: number, to: number) => {
      for (let start = from; start < to; start += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, to - start) }, (_, i) => start + i)
        await Promise.all(batch.map((n) => visit(server.url, groups[n % groups.length]!, n)))
      }
    }
    const count = (text: string) => logs.filter((line) => line.includes(text)).length
    const allUnloaded = () => count(': loaded ') > 0 && count(': loaded ') === count(': unloaded')

    // Warm up (module loading, JIT, SQLite caches) before the baseline.
    await run(0, BATCH)
    await waitFor('the warm-up rooms to unload', allUnloaded)
    const baseHeap = await settledHeap(gc)
    const baseResources = activeResources()

    await run(BATCH, CONNECTIONS)
    await waitFor('every room to unload', allUnloaded, 10_000)
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>
    if ('roomsLoaded' in health) expect(health.roomsLoaded).toBe(0)

    const heapGrowth = (await settledHeap(gc)) - baseHeap
    expect(heapGrowth).toBeLessThan(8 * 1024 * 1024)
    await waitFor('sockets and timers to be released', () => {
      const now = activeResources()
      return Object.keys({ ...now, ...baseResources }).every(
        (type) => (now[type] ?? 0) <= (baseResources[type] ?? 0) + 2,
      )
    })
  })
})
