import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  decodeAwarenessEntries,
  encodeUpdate,
  type AwarenessEntry,
} from './protocol'
import type { RoomMember } from './room-member'

/** One frame from a member, decoded and checked, before it touches the room. */
export type RoomMessage =
  /** Sync step 1: the member's state vector; answered with sync step 2. */
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  /**
   * Sync step 2 (`step2`: the member's answer to the room's step 1, with all it has that the room
   * lacked) or update: a document update, already known to decode.
   */
  | { type: 'update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  /** A type outside this server's protocol (auth, custom): ignored, as the reference server does. */
  | { type: 'ignored' }

/**
 * Decodes one frame and checks its payload: a document update must decode as a Yjs update, a
 * state vector as a state vector, awareness states as JSON. Throws on anything malformed, so a
 * bad frame is refused before any of it is applied.
 */
export function decodeRoomMessage(frame: Uint8Array): RoomMessage {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  if (type === MESSAGE_AWARENESS) {
    return {
      type: 'awareness',
      entries: decodeAwarenessEntries(decoding.readVarUint8Array(decoder)),
    }
  }
  if (type === MESSAGE_QUERY_AWARENESS) return { type: 'query-awareness' }
  if (type !== MESSAGE_SYNC) return { type: 'ignored' }
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  if (syncType === syncProtocol.messageYjsSyncStep1) {
    Y.decodeStateVector(payload)
    return { type: 'sync-step-1', stateVector: payload }
  }
  if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
    // Reads every struct and the delete set: a truncated or garbled update throws here.
    Y.decodeUpdate(payload)
    return { type: 'update', update: payload, step2: syncType === syncProtocol.messageYjsSyncStep2 }
  }
  throw new Error(`unknown sync message type ${syncType}`)
}

/**
 * The document changes a room applied since it last stored: one append and one message per
 * member for all of them, instead of one per update. A member is not sent its own changes.
 */
export class UpdateBatch {
  private changes: Array<{ from: RoomMember; change: Uint8Array }> = []
  private readonly messages = new Map<RoomMember | undefined, Uint8Array | undefined>()

  /** True when nothing has changed since the batch was last cleared. */
  get isEmpty(): boolean {
    return this.changes.length === 0
  }

  /** Records a change that `from` made to the room's doc (as the doc emitted it). */
  add(from: RoomMember, change: Uint8Array): void {
    this.changes.push({ from, change })
    this.messages.clear()
  }

  /** Every change, merged into one update: what the store appends. */
  merged(): Uint8Array {
    return merge(this.changes.map((entry) => entry.change))
  }

  /** The update message for `member`: every change but its own; undefined if none is left. */
  messageFor(member: RoomMember): Uint8Array | undefined {
    const key = this.changes.some((entry) => entry.from === member) ? member : undefined
    if (!this.messages.has(key)) {
      const others = this.changes.filter((entry) => entry.from !== key).map((e) => e.change)
      this.messages.set(key, others.length > 0 ? encodeUpdate(merge(others)) : undefined)
    }
    return this.messages.get(key)
  }

  /** Empties the batch after it was stored and sent. */
  clear(): void {
    this.changes = []
    this.messages.clear()
  }
}

function merge(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
}
