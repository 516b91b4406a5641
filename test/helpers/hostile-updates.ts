import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { addComment, addPaper, createGroup, upsertMember, type Actor } from '../../shared/model'

/**
 * Strings put into the content of hostile updates, so that the stored group can be searched for
 * them: `invalid` content comes only in frames the server must refuse, `readOnly` only in frames
 * sent with a read key, and `valid` in well-formed updates a write key may legitimately store.
 */
export const MARKERS = {
  invalid: 'INVALID-',
  readOnly: 'READONLY-',
  valid: 'HOSTILE-VALID-',
} as const

const MALLORY: Actor = { memberId: 'mallory', now: Date.UTC(2026, 0, 1) }

/** A group made by Mallory, with one paper: what hostile writes build on. */
function baseGroup(label: string): { doc: Y.Doc; paperId: string } {
  const doc = new Y.Doc()
  createGroup(doc, MALLORY, { name: `${label} group` })
  upsertMember(doc, MALLORY, { name: 'Mallory', colour: '#123456' })
  const { paper } = addPaper(doc, MALLORY, { title: `${label} paper`, source: 'manual' })
  return { doc, paperId: paper.id }
}

/** A second replica of `doc`, with a client id of its own. */
function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function pendingAfterApplying(update: Uint8Array): boolean {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/**
 * Writes of a member made through the shared model (a new member, a comment) as one update that
 * depends on nothing: only new keys, from a client that wrote nothing before. Any group can
 * apply it. `label` ends up in the stored text.
 */
export function selfContainedUpdate(label: string): Uint8Array {
  const { doc, paperId } = baseGroup(label)
  const writer = replica(doc)
  const before = Y.encodeStateVector(writer)
  const newcomer: Actor = { memberId: `m${writer.clientID}`, now: MALLORY.now }
  upsertMember(writer, newcomer, { name: `${label} member`, colour: '#654321' })
  addComment(writer, MALLORY, { paperId, body: `${label} comment` })
  const update = Y.encodeStateAsUpdate(writer, before)
  if (pendingAfterApplying(update)) throw new Error('a self-contained update has a dependency')
  return update
}

/**
 * An update built on changes the receiver never got (Mallory renames herself in a group the
 * server does not have), so Yjs can only park it.
 */
export function updateWithMissingDependency(label: string): Uint8Array {
  const { doc } = baseGroup('unseen')
  const writer = replica(doc)
  const before = Y.encodeStateVector(writer)
  upsertMember(writer, MALLORY, { name: `${label} rename`, colour: '#654321' })
  const update = Y.encodeStateAsUpdate(writer, before)
  if (!pendingAfterApplying(update)) throw new Error('the update was expected to depend on more')
  return update
}

/** The header of an update with one client's structs: `count` structs from `clock` on. */
function structsHeader(client: number, clock: number, count: number): encoding.Encoder {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, count)
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, clock)
  return encoder
}

/**
 * A well-formed update holding one garbage-collected range of `length` clocks from a new
 * client: valid, content-free, and it moves that client's clock as far as it likes.
 */
export function gcUpdate(client: number, length: number): Uint8Array {
  const encoder = structsHeader(client, 0, 1)
  encoding.writeUint8(encoder, 0)
  encoding.writeVarUint(encoder, length)
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

/** An update that only deletes clocks of a client nobody has heard of: Yjs parks it. */
export function deleteOfUnknownClient(client: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, length)
  return encoding.toUint8Array(encoder)
}

/** A plausible header for `count` structs of `client`, followed by whatever `garbage` holds. */
export function garbageStructs(client: number, count: number, garbage: Uint8Array): Uint8Array {
  const encoder = structsHeader(client, 0, count)
  encoding.writeUint8Array(encoder, garbage)
  return encoding.toUint8Array(encoder)
}

/** A valid update of about `bytes` bytes: one long text. */
export function bigUpdate(label: string, bytes: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('big').insert(0, label + 'x'.repeat(Math.max(0, bytes - label.length)))
  return Y.encodeStateAsUpdate(doc)
}
