import type * as Y from 'yjs'
import { meetingOfNotes } from './keys'
import { markedDeleted } from './meeting-read'

/**
 * Calls `onChange` after every change to the group document, local or remote, except keystrokes
 * in meeting notes: those are bound to their text field directly (client/data), and re-reading
 * the whole group for each of them would be wasted work. Returns the function that stops it.
 * Readers are cheap to re-run; callers batch as they see fit.
 *
 * It follows `afterTransactionCleanup` rather than `update`: Yjs encodes each transaction into
 * an update only while someone listens to `update`, which for a whole group arriving at once
 * (loaded from this device, or a first sync) costs as much again as decoding it.
 */
export function observeGroup(doc: Y.Doc, onChange: () => void): () => void {
  const handler = (tr: Y.Transaction) => {
    if (tr.changed.size > 0 && !onlyNotes(doc, tr)) onChange()
  }
  doc.on('afterTransactionCleanup', handler)
  return () => doc.off('afterTransactionCleanup', handler)
}

/**
 * Whether a transaction changed meeting notes and nothing else. Notes of a meeting marked
 * deleted count as a change: text arriving in them brings the meeting back into the lists.
 */
function onlyNotes(doc: Y.Doc, tr: Y.Transaction): boolean {
  const notes = new Set<unknown>()
  for (const [name, type] of doc.share) {
    const meetingId = meetingOfNotes(name)
    if (meetingId !== undefined && !markedDeleted(doc, meetingId)) notes.add(type)
  }
  for (const type of tr.changed.keys()) if (!notes.has(type)) return false
  return true
}
