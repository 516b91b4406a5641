/**
 * The y-websocket wire format, as the stock `WebsocketProvider` speaks it: one message per
 * WebSocket frame, each a varUint message type followed by its payload.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/** A y-protocols sync message (step 1, step 2 or update) follows. */
export const MESSAGE_SYNC = 0
/** An awareness update follows. */
export const MESSAGE_AWARENESS = 1
/** Asks the receiver to send every awareness state it knows. */
export const MESSAGE_QUERY_AWARENESS = 3

/** Sync step 1: "here is my state vector, send me what I lack". */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Sync step 2: everything in `doc` that a peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** A document update to fan out to the members of a room. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The awareness states of `clients` (all known clients when omitted). */
export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[] = [...awareness.getStates().keys()],
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness update about no client: valid, changes nothing, and counts as a received
 * message for the client's 30 s liveness check.
 */
export function encodeKeepAlive(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  const empty = encoding.createEncoder()
  encoding.writeVarUint(empty, 0)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(empty))
  return encoding.toUint8Array(encoder)
}

/** One client's entry in an awareness update; a `state` of null says the client has gone. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: unknown
}

/** Throws on bytes that are not UTF-8, as lib0's `readVarString` does. */
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** How deep a presence state may nest; the app's are two or three levels deep. */
export const MAX_PRESENCE_DEPTH = 32

/**
 * Whether a state (its JSON text, as UTF-8 bytes) is one the receiver already holds for that
 * client at that clock, and so was checked before.
 */
export type HeldPresence = (clientId: number, clock: number, state: Uint8Array) => boolean

/**
 * The entries of an awareness update (the payload of an awareness message). Throws on an update
 * that does not decode, or holds a state that is not JSON or nests deeper than
 * {@link MAX_PRESENCE_DEPTH} (encoding such a state again would overflow the stack), so nothing
 * of it is applied. Entries `held` recognises are left out unparsed: in a large group most
 * presence frames are echoes of states the server itself sent.
 */
export function decodeAwarenessEntries(update: Uint8Array, held?: HeldPresence): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const entries: AwarenessEntry[] = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    // A varString is its UTF-8 bytes with their length in front, as a varUint8Array.
    const text = decoding.readVarUint8Array(decoder)
    if (held?.(clientId, clock, text)) continue
    const state: unknown = JSON.parse(textDecoder.decode(text))
    if (depthOf(state) > MAX_PRESENCE_DEPTH) throw new Error('presence nested too deep')
    entries.push({ clientId, clock, state })
  }
  return entries
}

/** How deep a JSON value nests (a scalar is 0), counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next
    if (typeof item !== 'object' || item === null) continue
    deepest = Math.max(deepest, depth + 1)
    if (deepest > MAX_PRESENCE_DEPTH) return deepest
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return deepest
}

/** An awareness update holding `entries`, as `applyAwarenessUpdate` reads it. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}
