import * as encoding from 'lib0/encoding'
import { onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MESSAGE_AWARENESS } from '../../server/protocol'
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

/** A bare WebSocket in a group, for frames that no stock client sends. */
export interface RawSyncSocket {
  socket: WebSocket
  /** The code the server closed the socket with, or 'still open' after 2 s. */
  closeCode: Promise<number | 'still open'>
}

/**
 * Opens `/sync/<groupId>?token=<token>` with a plain `ws` socket and resolves once it is open;
 * terminated when the current test finishes. Whatever the server sends it is ignored.
 */
export async function openRawSyncSocket(
  origin: string,
  groupId: string,
  token: string,
): Promise<RawSyncSocket> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/sync/${groupId}?token=${token}`)
  onTestFinished(() => socket.terminate())
  const closeCode = Promise.race([
    new Promise<number>((resolve) => socket.on('close', (code) => resolve(code))),
    new Promise<'still open'>((resolve) => setTimeout(resolve, 2_000, 'still open')),
  ])
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  return { socket, closeCode }
}

/** One entry of an awareness update; `state` is sent as is, JSON or not (`'null'` removes). */
export interface RawAwarenessEntry {
  clientId: number
  clock: number
  state: string
}

/** An awareness message as the wire carries it, saying whatever the test wants about any id. */
export function awarenessMessage(entries: RawAwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId)
    encoding.writeVarUint(update, entry.clock)
    encoding.writeVarString(update, entry.state)
  }
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}
