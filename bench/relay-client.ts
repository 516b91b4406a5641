/**
 * One benchmark client: a Y.Doc synced by the stock provider of the relay it talks to, the
 * y-websocket `WebsocketProvider` for Margins and the reference server, the `HocuspocusProvider`
 * for Hocuspocus. Both are given the same WebSocket class, which counts the frames received.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { ClientSpec, ServerKind } from './relay-protocol'

/** Frames received by every client of this process while `counting` is on. */
export const frameCount = { counting: false, frames: 0 }

/** `ws` as the providers' WebSocket polyfill, counting the frames it receives. */
class CountingWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args)
    this.on('message', () => {
      if (frameCount.counting) frameCount.frames++
    })
  }
}

/** A connected client, as the generator drives it. */
export interface BenchClient {
  doc: Y.Doc
  /** Presence of the client, or null when the load runs without it. */
  awareness: Awareness | null
  /** Resolves once the provider reports its first sync with the relay. */
  synced: Promise<void>
  /** Disconnects and resolves once the socket is closed. */
  destroy(): Promise<void>
}

function closed(socket: { readyState: number } | null | undefined): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!socket || socket.readyState === WebSocket.CLOSED) resolve()
      else setTimeout(check, 10)
    }
    check()
  })
}

/** Connects one client of `spec`'s group to the relay of `kind` on `port`. */
export function connectClient(
  kind: ServerKind,
  port: number,
  spec: ClientSpec,
  presence: boolean,
): BenchClient {
  const doc = new Y.Doc()
  if (kind === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: `ws://127.0.0.1:${port}`,
      name: spec.group.name,
      document: doc,
      // Without presence the provider shares none; its own docs say that loses only its pings.
      ...(presence ? {} : { awareness: null }),
      WebSocketPolyfill: CountingWebSocket,
    } as ConstructorParameters<typeof HocuspocusProvider>[0])
    return {
      doc,
      awareness: provider.awareness,
      synced: new Promise((resolve) => provider.on('synced', () => resolve())),
      destroy: async () => {
        const socket = provider.configuration.websocketProvider.webSocket
        provider.destroy()
        await closed(socket)
      },
    }
  }
  const origin = `ws://127.0.0.1:${port}${kind.startsWith('margins') ? '/sync' : ''}`
  const provider = new WebsocketProvider(origin, spec.group.name, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    // Node has BroadcastChannel: without this, clients of one process would bypass the relay.
    disableBc: true,
    params: spec.group.token ? { token: spec.group.token } : {},
  })
  // The provider sends its presence when the socket opens; a null state sends none.
  if (!presence) provider.awareness.setLocalState(null)
  return {
    doc,
    awareness: presence ? provider.awareness : null,
    synced: new Promise((resolve) => {
      if (provider.synced) resolve()
      else provider.once('sync', () => resolve())
    }),
    destroy: async () => {
      const socket = provider.ws
      provider.destroy()
      await closed(socket)
    },
  }
}
