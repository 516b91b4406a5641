/**
 * The y-websocket wire format, as the stock `WebsocketProvider` speaks it: one message per
 * WebSocket frame, each a varUint message type followed by its payload.
 */
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
