import * as Y from 'yjs'
import { changeTogether } from './room-drain'
import { UpdateBatch } from './room-messages'
import { parkedExtent, parkedMore } from './room-parking'

/** The origin of document changes that came from the store or from other nodes. */
const STORED = Symbol('stored elsewhere')

/** What applying stored updates did to a room's doc. */
export interface AppliedStored {
  /** What was new to the doc, as one batch that no member wrote. */
  batch: UpdateBatch
  /** Some of it could not attach yet: it builds on an update the doc has not seen. */
  parkedNow: boolean
}

/**
 * Applies updates that are durable already (another node stored them, or they are the store's
 * rows) to `doc` in one transaction. One that does not decode is skipped: it came through
 * Redis, and the store holds the real one.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: readonly Uint8Array[]): AppliedStored {
  const batch = new UpdateBatch()
  const before = parkedExtent(doc)
  changeTogether(doc, batch, true, () => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update, STORED)
      } catch {
        // Skipped: see above.
      }
    }
  })
  return { batch, parkedNow: parkedMore(doc, before) }
}
