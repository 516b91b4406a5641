import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from './wait-for'

/**
 * A member's replica scripted from Node: a stock y-websocket client whose document the XSS
 * suite writes into, through the model's mutations (what any member's client may do) or
 * straight into the root maps (what a tampered client may do). Its awareness is that device's
 * presence. Unlike `connectSyncClient`, it lives until `close`, across tests.
 */
export interface HostileReplica {
  doc: Y.Doc
  provider: WebsocketProvider
  close(): void
}

/** Connects to `/sync` of `origin` and resolves once the server has answered the sync. */
export async function connectReplica(
  origin: string,
  groupId: string,
  token: string,
  doc = new Y.Doc(),
): Promise<HostileReplica> {
  const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/sync`, groupId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await waitFor('the replica to sync', () => provider.synced, 10_000)
  let closed = false
  return {
    doc,
    provider,
    close: () => {
      if (closed) return
      closed = true
      provider.destroy()
      doc.destroy()
    },
  }
}

/**
 * Resolves once a fresh reader of the group on the server sees `check` come true: the server
 * has stored and relays what the replicas wrote. Returns the reader's document, closed after.
 */
export async function serverSees(
  origin: string,
  groupId: string,
  token: string,
  check: (doc: Y.Doc) => boolean,
): Promise<void> {
  const reader = await connectReplica(origin, groupId, token)
  try {
    await waitFor('the server to have every write', () => check(reader.doc), 15_000)
  } finally {
    reader.close()
  }
}
