import * as Y from 'yjs'
import { createGroupKeys, type GroupKeys } from '../shared/invite'
import { createGroup } from '../shared/model'
import type { DocStore } from './store/doc-store'

/** What a new group starts with. */
export interface NewGroupInput {
  name: string
  description?: string
}

/** The member id that the server's own tools write as. */
const TOOL_ACTOR_ID = 'margins-admin'

/**
 * Makes the keys of a new group and stores its document (`createGroup` of the shared model on
 * a fresh Y.Doc) as one update through `store`, so that the first member who opens an invite
 * link finds the group with its name. Throws the model's validation error on a bad name, before
 * storing anything. Safe while a server runs on the same store: no room can be loaded for a
 * group whose id did not exist a moment ago.
 */
export async function storeNewGroup(store: DocStore, input: NewGroupInput): Promise<GroupKeys> {
  const keys = createGroupKeys()
  const doc = new Y.Doc()
  try {
    createGroup(doc, { memberId: TOOL_ACTOR_ID }, input)
    await store.append(keys.groupId, Y.encodeStateAsUpdate(doc))
    return keys
  } finally {
    doc.destroy()
  }
}
