import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_SYNC } from '../../server/protocol'
import type { RoomMember } from '../../server/room-member'

/**
 * A {@link RoomMember} without a socket, for tests that drive a `Room` directly: it keeps a
 * doc of its own, applies every sync message the room sends it, and counts the update messages.
 */
export class FakeMember implements RoomMember {
  readonly doc = new Y.Doc()
  /** Update messages (sync type 2 "update") received, as the fan-out sends them. */
  updateMessages = 0
  /** Close code, once the room closed it. */
  closedWith: number | undefined

  constructor(readonly canWrite = true) {}

  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
    const syncType = decoding.readVarUint(decoder)
    if (syncType === syncProtocol.messageYjsUpdate) this.updateMessages++
    if (syncType !== syncProtocol.messageYjsSyncStep1) {
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'room')
    }
  }

  reply(make: () => Uint8Array): void {
    this.send(make())
  }

  close(code: number): void {
    this.closedWith ??= code
  }
}
