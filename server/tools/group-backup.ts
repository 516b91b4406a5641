import * as Y from 'yjs'
import type { Fanout } from '../fanout/fanout'
import type { DocStore } from '../store/doc-store'

/**
 * One group's whole stored state as a single Yjs update: the merge of its rows, read in one
 * snapshot of the store. Safe while the servers run (nothing is written). Rejects for a group
 * the store has never seen, so a typo in the id does not produce an empty backup.
 */
export async function exportGroup(store: DocStore, groupId: string): Promise<Uint8Array> {
  const { updates } = await store.read(groupId)
  if (updates.length === 0) throw new Error(`the store has no group ${groupId}`)
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
}

/**
 * Restores a backup made by {@link exportGroup} by appending it as one more row: Yjs merges it
 * with whatever the group holds, so edits made after the backup stay, and what the group lost
 * (rows gone from a damaged or new database) comes back. It cannot undo an edit: a deletion
 * made after the backup stays deleted. With `fanout`, every node with the group loaded is told
 * to re-read it, so connected members get what came back at once; without fan-out, stop the
 * server first (a loaded room would not see the row, and its next snapshot could drop it).
 */
export async function restoreGroup(
  store: DocStore,
  groupId: string,
  backup: Uint8Array,
  fanout?: Fanout,
): Promise<void> {
  // Reads the whole update: a truncated or garbled file is refused before anything is stored.
  Y.decodeUpdate(backup)
  await store.append(groupId, backup)
  await fanout?.resync(groupId)
}
