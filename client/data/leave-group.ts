import type { Accessor } from 'solid-js'
import { findJoinedGroup, forgetGroup, forgetLeaving, readLeavingGroups } from './group-list'
import { createGroupConnection, groupDatabaseName } from './open-group'
import { privateDatabaseName } from './private-doc'

/**
 * Deletes one database. While a connection is still open the request fires `blocked` and waits;
 * every connection the local store opens (lib0's openDB) closes itself on the `versionchange`
 * that deletion sends, so the wait ends once the group's pages have let go of it.
 */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`))
  })
}

async function deleteLocalCopy(groupId: string): Promise<void> {
  await Promise.all([
    deleteDatabase(groupDatabaseName(groupId)),
    deleteDatabase(privateDatabaseName(groupId)),
    // The PDFs it kept, but for those another group kept too (code loaded here, not up front).
    import('./pdf-store').then((pdfs) => pdfs.forgetGroupPdfs(groupId)),
  ])
  forgetLeaving(groupId)
}

/**
 * Leaves a group on this device: removes it from the list, calls `goHome` (which must unmount
 * the group's pages, so that they release the document), then deletes the group's databases.
 * Other members keep their copies; the invite link joins again. If the tab closes before the
 * deletion ends, `finishLeaving` completes it on the next visit.
 */
export async function leaveGroup(groupId: string, goHome: () => void): Promise<void> {
  forgetGroup(groupId)
  goHome()
  await deleteLocalCopy(groupId)
}

/** Deletes the local copies of groups left before a deletion could finish. */
export async function finishLeaving(): Promise<void> {
  await Promise.all(readLeavingGroups().map(deleteLocalCopy))
}

/** What the leave dialog needs to know about this device's copy of a group. */
export interface LeaveCheck {
  /** This device's key, whose invite link joins the group again; undefined if not joined. */
  readonly key: string | undefined
  /** False while changes made here may not have reached the server (offline, not synced). */
  readonly upToDate: Accessor<boolean>
}

/** Follows whether leaving now would lose anything, for the lifetime of the calling owner. */
export function createLeaveCheck(groupId: string): LeaveCheck {
  const group = findJoinedGroup(groupId)
  if (!group) return { key: undefined, upToDate: () => true }
  return { key: group.key, upToDate: createGroupConnection(groupId, group.key).synced }
}
