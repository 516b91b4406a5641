import * as Y from 'yjs'
import { encodeSyncStep2 } from './protocol'

/**
 * What Yjs holds parked in a room's doc (updates it could not attach yet, which are never
 * stored or sent): the clocks of each client's parked structs, and the parked deletes.
 */
export interface ParkedExtent {
  to: Map<number, number>
  ds: Uint8Array | null
}

/** What `doc` holds parked now. */
export function parkedExtent(doc: Y.Doc): ParkedExtent {
  const { pendingStructs, pendingDs } = doc.store
  // Yjs keeps what it parked in its v2 update encoding.
  const to = pendingStructs ? Y.parseUpdateMetaV2(pendingStructs.update).to : new Map()
  return { to, ds: pendingDs }
}

/**
 * Whether the update just applied to `doc` left something parked of its own: structs past what
 * was parked `before`, or deletes when none were. (Another member's update that only brushes
 * past what waits, as Yjs retries it on every update, parks nothing.)
 */
export function parkedMore(doc: Y.Doc, before: ParkedExtent): boolean {
  const after = parkedExtent(doc)
  if (after.ds !== null && before.ds === null) return true
  for (const [client, clock] of after.to) if (clock > (before.to.get(client) ?? 0)) return true
  return false
}

/** True when `doc` holds updates Yjs could not attach yet, which are never stored. */
export function hasParked(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/** Forgets what `doc` holds parked. */
export function dropParkedOf(doc: Y.Doc): void {
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
}

/** A sync step 2 for `stateVector`, without anything parked: only stored changes go out. */
export function syncStep2WithoutParked(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store
  dropParkedOf(doc)
  try {
    return encodeSyncStep2(doc, stateVector)
  } finally {
    doc.store.pendingStructs = pendingStructs
    doc.store.pendingDs = pendingDs
  }
}
