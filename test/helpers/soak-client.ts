import * as decoding from 'lib0/decoding'
import { onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_SYNC, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../server/protocol'
import type { ReceiverCursor, RelayLedger } from './soak-ledger'

/** The array that soak writers push to, one item per update. */
export const SOAK_ARRAY = 'soak'

/** Something the soak saw go wrong on one client. */
export type SoakFault = (what: string) => void

/**
 * A light y-websocket member for the soak: a bare `ws` socket speaking the sync protocol
 * (step 1, step 2, update) without a Y.Doc that applies what it receives. It only reads the
 * ids of the updates it gets, for the {@link RelayLedger}. A writer keeps a doc of its own
 * edits, so what it sends are real Yjs updates; a reader's doc stays empty. Terminated when
 * the current test finishes.
 */
export class SoakClient {
  readonly socket: WebSocket
  /** The writer's own edits; an empty doc for a reader. */
  readonly doc = new Y.Doc()
  private readonly cursor: ReceiverCursor = new Map()
  /** True once the server's sync step 2 (the group as it was) has arrived. */
  synced = false
  /** The close code, once the socket closed. */
  closeCode: number | undefined
  private closing = false

  constructor(
    url: string,
    private readonly ledger: RelayLedger,
    private readonly fault: SoakFault,
  ) {
    this.socket = new WebSocket(url)
    onTestFinished(() => {
      this.closing = true
      this.socket.terminate()
    })
    this.socket.binaryType = 'nodebuffer'
    this.socket.on('open', () => this.socket.send(encodeSyncStep1(this.doc)))
    this.socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)))
    this.socket.on('error', (error) => fault(`socket error: ${error.message}`))
    this.socket.on('close', (code) => {
      this.closeCode = code
      if (!this.closing) fault(`closed by the server with ${code}`)
    })
  }

  /** Pushes one item and sends the update, recording when it left. */
  edit(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return
    let update: Uint8Array | undefined
    const capture = (u: Uint8Array) => (update = u)
    this.doc.on('update', capture)
    this.doc.getArray<number>(SOAK_ARRAY).push([this.doc.getArray(SOAK_ARRAY).length])
    this.doc.off('update', capture)
    const clock = Y.parseUpdateMeta(update!).from.get(this.doc.clientID)!
    this.ledger.sent(this.doc.clientID, clock, performance.now())
    this.socket.send(encodeUpdate(update!))
  }

  /** Closes with 1000 and resolves with the code the close handshake ended with. */
  close(): Promise<number> {
    this.closing = true
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode)
    return new Promise((resolve) => {
      this.socket.once('close', (code) => {
        this.doc.destroy()
        resolve(code)
      })
      this.socket.close(1000, 'soak done')
    })
  }

  private receive(frame: Uint8Array): void {
    const at = performance.now()
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
    const syncType = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      this.socket.send(encodeSyncStep2(this.doc, payload))
      return
    }
    if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true
    else if (syncType !== syncProtocol.messageYjsUpdate) this.fault(`sync message type ${syncType}`)
    this.ledger.received(this.cursor, payload, at)
  }
}
