import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { createGroup, type Actor } from '../../shared/model'
import { createGroupKeys, type GroupKeys } from '../../shared/invite'
import { groupDatabaseName } from '../../client/data/open-group'

/** Opens `database` into `doc`, reads it with `read` once loaded, and closes both. */
async function throughDatabase<T>(database: string, doc: Y.Doc, read: (doc: Y.Doc) => T) {
  const local = new IndexeddbPersistence(database, doc)
  await local.whenSynced
  const result = read(doc)
  await local.destroy()
  doc.destroy()
  return result
}

/** Stores `build`'s document in IndexedDB as this device's copy of a group (or its read marks). */
export async function storeDoc(database: string, build: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc()
  build(doc)
  await throughDatabase(database, doc, () => undefined)
}

/** What `read` finds in the document stored in `database`, read through a connection of its own. */
export function readStoredDoc<T>(database: string, read: (doc: Y.Doc) => T): Promise<T> {
  return throughDatabase(database, new Y.Doc(), read)
}

const BEN: Actor = { memberId: 'ben', now: Date.UTC(2026, 2, 13, 9) }

/** A group named `name` that Ben created, stored on this device; `build` adds to it. */
export async function seedGroup(
  name: string,
  build: (doc: Y.Doc) => void = () => undefined,
): Promise<GroupKeys> {
  const keys = createGroupKeys()
  await storeDoc(groupDatabaseName(keys.groupId), (doc) => {
    createGroup(doc, BEN, { name }, { name: 'Ben', colour: '#c05600' })
    build(doc)
  })
  return keys
}
