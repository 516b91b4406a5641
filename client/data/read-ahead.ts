import { groupRouteOf, parseRoute } from '../app/route'
import { findJoinedGroup } from './group-list'
import { groupDatabaseName } from './open-group'
import { privateDatabaseName } from './private-doc'
import { readAhead } from './stored-copy'

/**
 * Starts reading this device's copy of the group the address opens (and its read marks) from
 * IndexedDB, for the entry module to call before the app renders: the database opens and the
 * rows arrive while the app's code runs and renders its frame, instead of after. Does nothing
 * for pages outside a joined group.
 */
export function readGroupAhead(hash: string = location.hash): void {
  try {
    const groupId = groupRouteOf(parseRoute(hash))?.groupId
    if (groupId === undefined || !findJoinedGroup(groupId)) return
    readAhead(groupDatabaseName(groupId))
    readAhead(privateDatabaseName(groupId))
  } catch {
    // Storage blocked (localStorage or IndexedDB throwing): the app finds out and says so itself.
  }
}
