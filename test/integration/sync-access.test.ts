import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createGroupKeys } from '../../shared/invite'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

/** The HTTP status a raw WebSocket upgrade to `path` gets, or 101 if it is accepted. */
function upgradeStatus(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(origin.replace(/^http/, 'ws') + path)
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      socket.terminate()
    })
    socket.on('open', () => {
      resolve(101)
      socket.close()
    })
    socket.on('error', (error) => {
      if (!error.message.startsWith('Unexpected server response')) reject(error)
    })
  })
}

describe('sync access control', () => {
  it('accepts a write key and a read key, and refuses every other upgrade before it completes', async () => {
    const { server, logs } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const other = createGroupKeys()
    const status = (path: string) => upgradeStatus(server.url, path)

    expect(await status(`/sync/${keys.groupId}?token=${keys.writeKey}`)).toBe(101)
    expect(await status(`/sync/${keys.groupId}?token=${keys.readKey}`)).toBe(101)
    expect(await status(`/sync/${keys.groupId}?token=${other.writeKey}`)).toBe(403)
    // The id itself is public inside the group; it must not open it.
    expect(await status(`/sync/${keys.groupId}?token=${keys.groupId}`)).toBe(403)
    expect(await status(`/sync/${keys.groupId}`)).toBe(401)
    expect(await status(`/sync/${keys.groupId}?token=short`)).toBe(401)
    expect(await status(`/sync/not-a-group-id?token=${keys.writeKey}`)).toBe(400)
    expect(await status(`/sync/${keys.groupId}/extra?token=${keys.writeKey}`)).toBe(404)
    expect(await status(`/elsewhere?token=${keys.writeKey}`)).toBe(404)

    const logged = logs.join('\n')
    for (const secret of [keys.writeKey, keys.readKey, other.writeKey]) {
      expect(logged).not.toContain(secret)
    }
  })

  it('lets a stock client with a wrong token never sync', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir() })
    const keys = createGroupKeys()
    const intruder = await connectSyncClient(server.url, keys.groupId, createGroupKeys().writeKey, {
      waitForSync: false,
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(intruder.provider.wsconnected).toBe(false)
    expect(intruder.provider.synced).toBe(false)
  })

  it('sends data to a read-only member but never passes its edits on, nor stores them', async () => {
    const dataDir = await useTempDir()
    const keys = createGroupKeys()
    const { server } = await startTestServer({ dataDir })
    const writer = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    writer.doc.getArray<string>('items').push(['by the writer'])
    const reader = await connectSyncClient(server.url, keys.groupId, keys.readKey)
    await waitFor('the reader to receive the writer’s item', () => itemsOf(reader.doc).length === 1)

    reader.doc.getArray<string>('items').push(['by the reader'])
    // The server handles a member's frames in order: once the writer sees the reader's
    // presence, which the reader sent after its edit, the edit has been dealt with.
    reader.provider.awareness.setLocalStateField('marker', 'after the edit')
    await waitFor('the reader’s presence', () => {
      const state = writer.provider.awareness.getStates().get(reader.doc.clientID)
      return state?.marker === 'after the edit'
    })
    expect(itemsOf(writer.doc)).toEqual(['by the writer'])

    writer.doc.getArray<string>('items').push(['later'])
    await waitFor('the reader to keep receiving', () => itemsOf(reader.doc).includes('later'))

    const late = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    expect(itemsOf(late.doc)).toEqual(['by the writer', 'later'])
    writer.close()
    reader.close()
    late.close()
    await server.close()
    const store = createSqliteStore({ dataDir })
    const stored = await store.load(keys.groupId)
    await store.close()
    const text = Buffer.concat(stored).toString('latin1')
    expect(text).toContain('by the writer')
    expect(text).not.toContain('by the reader')
  })
})
