import * as Y from 'yjs'
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './protocol'
import type { RoomMember } from './room-member'
import type { Clocks, UpdateBatch } from './room-messages'

/** Whether any frame of `inbox` from `from` on may be a document update (or sync step 2). */
export function mayChangeDoc(inbox: Inbound[], from: number): boolean {
  for (let i = from; i < inbox.length; i++) {
    const { frame } = inbox[i] as Inbound
    // A sync message is type 0, then its own type: 0 for step 1, which changes nothing.
    if (frame[0] !== MESSAGE_AWARENESS && frame[0] !== MESSAGE_QUERY_AWARENESS) {
      if (frame[0] !== MESSAGE_SYNC || frame[1] !== 0) return true
    }
  }
  return false
}

/** A frame waiting for the room's next drain. */
export interface Inbound {
  member: RoomMember
  frame: Uint8Array
}

/**
 * Runs `change` in one Yjs transaction, so that Yjs emits one update for everything it
 * changed (far cheaper than merging many), and adds that update to `batch`. `change` records
 * in `writers` the members whose updates it applied, with the clocks of what they sent, so
 * that none of them is sent back its own. If `mayChange` is false, `change` applies no update
 * and runs without a transaction.
 */
export function changeTogether(
  doc: Y.Doc,
  batch: UpdateBatch,
  mayChange: boolean,
  change: (writers: Map<RoomMember, Clocks>) => void,
): void {
  const writers = new Map<RoomMember, Clocks>()
  // A transaction reads the doc's state vector twice, which costs as much as the doc has
  // writers: most drains of a large group carry only presence, and need none.
  if (!mayChange) {
    change(writers)
    return
  }
  const collect = (update: Uint8Array) => batch.add(update, writers)
  doc.on('update', collect)
  try {
    Y.transact(doc, () => change(writers))
  } finally {
    doc.off('update', collect)
  }
}
