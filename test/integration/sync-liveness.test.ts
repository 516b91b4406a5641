import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { createGroupKeys } from '../../shared/invite'
import { connectSyncClient } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

describe('sync liveness', () => {
  it('sends an idle client without presence a message every interval, so it never times out', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir(), pingIntervalMs: 100 })
    const keys = createGroupKeys()
    const client = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    // No local presence: the awareness echo no longer keeps this client's connection alive.
    client.provider.awareness.setLocalState(null)
    const socket = client.provider.ws
    await new Promise((resolve) => setTimeout(resolve, 150))
    const before = client.provider.wsLastMessageReceived
    await waitFor('a later message', () => client.provider.wsLastMessageReceived > before, 1_000)
    expect(client.provider.ws).toBe(socket)
    expect(client.provider.synced).toBe(true)
  })

  it('drops a peer that stops answering pings, and its presence with it', async () => {
    const { server } = await startTestServer({ dataDir: await useTempDir(), pingIntervalMs: 100 })
    const keys = createGroupKeys()
    const stuck = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    const other = await connectSyncClient(server.url, keys.groupId, keys.writeKey)
    stuck.provider.awareness.setLocalStateField('user', { name: 'stuck' })
    await waitFor('the presence', () =>
      other.provider.awareness.getStates().has(stuck.doc.clientID),
    )

    // Stop reading the socket: pings go unanswered, as with a peer whose network vanished.
    stuck.provider.shouldConnect = false
    ;(stuck.provider.ws as unknown as WebSocket).pause()
    await waitFor(
      'the server to drop the stuck peer',
      () => !other.provider.awareness.getStates().has(stuck.doc.clientID),
      2_000,
    )
  })
})
