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
  type HeldPresence,
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
  | { type: 'update'; update: Uint8Array; step2: boolean; clocks: Clocks }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  /** A type outside this server's protocol (auth, custom): ignored, as the reference server does. */
  | { type: 'ignored' }

/**
 * Decodes one frame and checks its payload: a document update must decode as a Yjs update, a
 * state vector as a state vector, awareness states as JSON. Throws on anything malformed, so a
 * bad frame is refused before any of it is applied.
 */
export function decodeRoomMessage(frame: Uint8Array, held?: HeldPresence): RoomMessage {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  if (type === MESSAGE_AWARENESS) {
    return {
      type: 'awareness',
      entries: decodeAwarenessEntries(decoding.readVarUint8Array(decoder), held),
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
    const { structs } = Y.decodeUpdate(payload)
    const clocks: Clocks = new Map()
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue
      const { client, clock } = struct.id
      clocks.set(client, Math.max(clocks.get(client) ?? 0, clock + struct.length))
    }
    const step2 = syncType === syncProtocol.messageYjsSyncStep2
    return { type: 'update', update: payload, step2, clocks }
  }
  throw new Error(`unknown sync message type ${syncType}`)
}

/**
 * What a member is known to have of each Yjs client it sent structs of: the clock after the
 * last struct it sent (a state vector, as `Y.encodeStateVector` takes it).
 */
export type Clocks = Map<number, number>

/** Adds `more` to `clocks`, keeping the higher clock of each client. */
export function addClocks(clocks: Clocks, more: Clocks): void {
  for (const [client, clock] of more) clocks.set(client, Math.max(clocks.get(client) ?? 0, clock))
}

/**
 * The document changes a room applied since it last stored: one append and one message per
 * member for all of them, instead of one per update. A member is never sent back what it sent.
 */
export class UpdateBatch {
  private changes: Array<{ change: Uint8Array; writers: Map<RoomMember, Clocks> }> = []
  private everyone: Uint8Array | undefined

  /** True when it holds no change. */
  get isEmpty(): boolean {
    return this.changes.length === 0
  }

  /**
   * Records a change to the room's doc (as the doc emitted it), made by the updates of
   * `writers`, with the clocks of what each of them sent.
   */
  add(change: Uint8Array, writers: Map<RoomMember, Clocks>): void {
    this.changes.push({ change, writers })
    this.everyone = undefined
  }

  /** The changes of `batches` as one batch, in order: one message per member for all of them. */
  static together(batches: readonly UpdateBatch[]): UpdateBatch {
    if (batches.length === 1) return batches[0] as UpdateBatch
    const all = new UpdateBatch()
    for (const batch of batches) all.changes.push(...batch.changes)
    return all
  }

  /** Every change, merged into one update: what the store appends. */
  merged(): Uint8Array {
    return merge(this.changes.map((entry) => entry.change))
  }

  /**
   * The update message for `member`: every change without what the member sent; undefined if
   * nothing is left. A change it alone made is left out whole; from a change it made with
   * others, the structs it sent are cut out (the deletes stay: applying them again is a no-op).
   */
  messageFor(member: RoomMember): Uint8Array | undefined {
    if (!this.changes.some((entry) => entry.writers.has(member))) {
      this.everyone ??= encodeUpdate(this.merged())
      return this.everyone
    }
    const parts: Uint8Array[] = []
    for (const { change, writers } of this.changes) {
      const own = writers.get(member)
      if (!own) parts.push(change)
      else if (writers.size > 1) parts.push(Y.diffUpdate(change, Y.encodeStateVector(own)))
    }
    return parts.length > 0 ? encodeUpdate(merge(parts)) : undefined
  }
}

function merge(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
}
