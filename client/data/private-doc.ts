import type * as Y from 'yjs'
import { onCleanup, type Accessor } from 'solid-js'
import { privateKeysOf } from '../../shared/invite'
import { memberSecret } from './local-profile'
import { openDocument } from './open-group'

/** The IndexedDB database that keeps a member's private document for a group on this device. */
export function privateDatabaseName(groupId: string): string {
  return `margins-private-${groupId}`
}

/** A member's private document for one group, as this device has it. */
export interface PrivateDoc {
  readonly doc: Y.Doc
  /** True once what this device stored has been read (or the server's copy came). */
  readonly loaded: Accessor<boolean>
}

/**
 * Opens the member's private document for a group for the lifetime of the calling owner: their
 * read marks and reading positions. This device keeps it (as it always did, under
 * `margins-private-<groupId>`) and syncs it with the server under the group id that the
 * member's secret derives ({@link privateKeysOf}), so each of their devices with the same secret
 * has the same document. Only those devices can derive its key; nobody else in the group sees it.
 * With `sync: false` (the home page's unread counts of every group) it stays on this device: a
 * second socket per group there would double the connections a device opens to the server.
 */
export function createPrivateDoc(groupId: string, { sync = true } = {}): PrivateDoc {
  const keys = privateKeysOf(groupId, memberSecret())
  const { connection, release } = openDocument(
    { groupId: keys.groupId, key: keys.writeKey, databaseName: privateDatabaseName(groupId) },
    { sync },
  )
  onCleanup(() => void release())
  return { doc: connection.doc, loaded: connection.loaded }
}
