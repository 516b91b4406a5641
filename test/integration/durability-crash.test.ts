import { describe, expect, it } from 'vitest'
import { createGroupKeys } from '../../shared/invite'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { connectSyncClient, itemsOf, type SyncClient } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const READY = /Margins is running at (http:\/\/\S+)/
const WRITERS = 3
/** Each writer's pace; well under the server's per-connection message rate. */
const WRITE_EVERY_MS = 25

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const randomMs = (min: number, max: number) => min + Math.floor(Math.random() * (max - min))

/** Items in a writer's doc that other writers made: it can only have them from the server. */
function receivedFromServer(writer: SyncClient, index: number): string[] {
  return itemsOf(writer.doc).filter((item) => !item.startsWith(`writer ${index} `))
}

describe('crash durability', () => {
  it('keeps every update a client received across SIGKILLs, compaction included, and clients resync', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', MARGINS_DATA_DIR: await useTempDir() }
    let server: ServerProcess = await startServerProcess(env, READY)
    const url = READY.exec(server.output())?.[1] as string
    // Restarts listen on the same port, so the stock clients find the server again by themselves.
    env.PORT = new URL(url).port
    const keys = createGroupKeys()
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, () => connectSyncClient(url, keys.groupId, keys.writeKey)),
    )
    for (const writer of writers) writer.provider.maxBackoffTime = 200
    let written = 0
    let paused = false
    const timer = setInterval(() => {
      if (paused) return
      writers.forEach((writer, w) =>
        writer.doc.getArray<string>('items').push([`writer ${w} ${written}`]),
      )
      written++
    }, WRITE_EVERY_MS)
    try {
      const kills = ['random', 'after compaction', 'random'] as const
      for (const moment of kills) {
        await sleep(randomMs(300, 900))
        if (moment === 'after compaction') {
          // Two seconds of quiet make the room compact; writes resume, and the kill follows.
          paused = true
          await waitFor('a compaction', () => /compacted/.test(server.output()), 5_000)
          paused = false
          await sleep(randomMs(0, 40))
        }
        const received = new Set(writers.flatMap(receivedFromServer))
        server.child.kill('SIGKILL')
        await server.exited
        server = await startServerProcess(env, READY)

        const fresh = await connectSyncClient(url, keys.groupId, keys.writeKey)
        const stored = new Set(itemsOf(fresh.doc))
        fresh.close()
        expect([...received].filter((item) => !stored.has(item))).toEqual([])
        expect(received.size).toBeGreaterThan(0)
      }
    } finally {
      clearInterval(timer)
    }

    // Every writer reconnected by itself and sent what the crashes cost it.
    const all = new Set(writers.flatMap((writer) => itemsOf(writer.doc)))
    const fresh = await connectSyncClient(url, keys.groupId, keys.writeKey)
    await waitFor('everything to reach the server', () => itemsOf(fresh.doc).length === all.size)
    await waitFor('the writers to converge', () =>
      writers.every((writer) => itemsOf(writer.doc).length === all.size),
    )
    expect(new Set(itemsOf(fresh.doc))).toEqual(all)
    expect(all.size).toBe(WRITERS * written)
  })
})
