import { describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { createGroupKeys } from '../../shared/invite'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'
import { gatedStore } from '../helpers/gated-store'
import { rawUpgradeStatus } from '../helpers/raw-upgrade'

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

/** A server whose store records every call, so a test can tell that no room was touched. */
async function startGatedServer() {
  const dataDir = await useTempDir()
  const sqlite = createSqliteStore({ dataDir })
  onTestFinished(() => sqlite.close())
  const store = gatedStore(sqlite)
  const started = await startTestServer({ dataDir, store })
  return { ...started, store }
}

describe('sync access control', () => {
  it('accepts a write key and a read key, and answers every bad or missing token 401', async () => {
    const { server, lines, store } = await startGatedServer()
    store.openAll()
    const keys = createGroupKeys()
    const other = createGroupKeys()
    const status = (path: string) => upgradeStatus(server.url, path)
    const raw = (target: string) => rawUpgradeStatus(server.port, target)
    const id = keys.groupId

    expect(await status(`/sync/${id}?token=${other.writeKey}`)).toBe(401)
    expect(await status(`/sync/${id}?token=${other.readKey}`)).toBe(401)
    // The id itself is public inside the group; it must not open it.
    expect(await status(`/sync/${id}?token=${id}`)).toBe(401)
    expect(await status(`/sync/${id}`)).toBe(401)
    expect(await status(`/sync/${id}?token=`)).toBe(401)
    expect(await status(`/sync/${id}?token=short`)).toBe(401)
    expect(await status(`/sync/${id}?token=${keys.writeKey}x`)).toBe(401)
    expect(await status(`/sync/${id}?tok=${keys.writeKey}`)).toBe(401)
    // Two tokens are one too many: which one counts would be anyone's guess.
    expect(await status(`/sync/${id}?token=${keys.writeKey}&token=${keys.readKey}`)).toBe(401)
    // Refused before any room is loaded or created.
    expect(store.calls).toEqual([])

    expect(await status(`/sync/${id}?token=${keys.writeKey}`)).toBe(101)
    expect(await status(`/sync/${id}?token=${keys.readKey}`)).toBe(101)
    expect(await raw(`/sync/${id}?token=${keys.writeKey}`)).toBe(101)

    const logged = lines.join('\n')
    for (const secret of [keys.writeKey, keys.readKey, other.writeKey, other.readKey]) {
      expect(logged).not.toContain(secret)
    }
  })

  it('answers 400 to malformed group ids, path tricks included, before looking at the token', async () => {
    const { server, store } = await startGatedServer()
    store.openAll()
    const keys = createGroupKeys()
    const id = keys.groupId
    const token = `?token=${keys.writeKey}`
    const raw = (target: string) => rawUpgradeStatus(server.port, target)

    const malformed = [
      `/sync/not-a-group-id${token}`,
      `/sync/${id.slice(1)}${token}`,
      `/sync/${id}A${token}`,
      `/sync/+${id.slice(1)}${token}`,
      `/sync/${id.slice(0, 21)}=${token}`,
      `/sync/${id}/extra${token}`,
      `/sync/${id}/${token}`,
      `/sync//${id}${token}`,
      `/sync/../sync/${id}${token}`,
      `/sync/./${id}${token}`,
      `/sync/%2e%2e/${id}${token}`,
      `/sync/${id.slice(0, 20)}%41%41${token}`,
      `/sync/${id}%2F${token}`,
      `/sync/${token}`,
      `/sync${token}`,
      `/sync/${id}`.replace(id, encodeURIComponent('é'.repeat(22))),
      `//[`,
    ]
    for (const target of malformed) {
      expect({ target, status: await raw(target) }).toEqual({ target, status: 400 })
    }
    expect(await raw(`/elsewhere${token}`)).toBe(404)
    expect(await raw(`/syncing/${id}${token}`)).toBe(404)
    expect(await raw(`/%73ync/${id}${token}`)).toBe(404)
    expect(store.calls).toEqual([])
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
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
