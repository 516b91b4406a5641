import { onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from './wait-for'

/** A stock y-websocket client in Node, as the PWA would connect it. */
export interface SyncClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Disconnects and destroys the provider and the doc. Safe to call twice. */
  close(): void
}

/** Options of {@link connectSyncClient}. */
export interface SyncClientOptions {
  /** Start from this doc (e.g. one with offline edits) instead of an empty one. */
  doc?: Y.Doc
  /** Resolve only once the server has answered sync step 1. Default true. */
  waitForSync?: boolean
}

/**
 * Connects `WebsocketProvider(origin + '/sync', groupId, doc, { params: { token } })` with the
 * `ws` package as its WebSocket, and closes it when the current test finishes.
 */
export async function connectSyncClient(
  origin: string,
  groupId: string,
  token: string,
  options: SyncClientOptions = {},
): Promise<SyncClient> {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/sync`, groupId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  let closed = false
  const client: SyncClient = {
    doc,
    provider,
    close: () => {
      if (closed) return
      closed = true
      provider.destroy()
      doc.destroy()
    },
  }
  onTestFinished(() => client.close())
  if (options.waitForSync ?? true) await waitFor('the client to sync', () => provider.synced)
  return client
}

/** The `items` array that the sync tests write to. */
export function itemsOf(doc: Y.Doc): string[] {
  return doc.getArray<string>('items').toArray()
}
