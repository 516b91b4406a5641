import * as Y from 'yjs'
import { createEffect, createRoot, type Accessor } from 'solid-js'
import { createGroup, type GroupSettings } from '../../shared/model'
import { createGroupKeys, type GroupKeys } from '../../shared/invite'
import { openGroup } from './open-group'
import { rememberGroup, rememberGroupName } from './group-list'
import type { LocalProfile } from './local-profile'

/** What the new-group form asks for. */
export interface NewGroupInput {
  name: string
  description: string
}

/** A group just made on this device. */
export interface CreatedGroup {
  readonly keys: GroupKeys
  readonly settings: GroupSettings
  /** Resolves once this device's copy is in IndexedDB. */
  readonly saved: Promise<void>
  /** Lets go of the document, once it is saved. */
  release(): void
}

function until(condition: Accessor<boolean>): Promise<void> {
  return new Promise((resolve) =>
    createRoot((dispose) =>
      createEffect(() => {
        if (!condition()) return
        dispose()
        resolve()
      }),
    ),
  )
}

/**
 * Makes a group on this device, online or not: fresh keys, the group document with the creator as
 * its first member (stored in IndexedDB, synced once the server is reachable: the server accepts
 * any group whose key derives its id), and an entry in the group list. Throws the model's
 * ValidationError on bad input, having changed nothing.
 */
export function createGroupOnDevice(
  input: NewGroupInput,
  profile: LocalProfile,
  now = Date.now(),
): CreatedGroup {
  const actor = { memberId: profile.memberId, now }
  const creator = { name: profile.name, colour: profile.colour }
  // A dry run on a scratch document: bad input throws before any key, database or socket exists.
  createGroup(new Y.Doc(), actor, input, creator)

  const keys = createGroupKeys()
  const { connection, release } = openGroup(keys.groupId, keys.writeKey)
  const settings = createGroup(connection.doc, actor, input, creator)
  rememberGroup(keys.groupId, keys.writeKey, now)
  rememberGroupName(keys.groupId, settings.name)
  // The local store writes the edits made before its database opened once it has: the group is
  // released only after that, so that it is on this device before anything closes it.
  const saved = until(connection.loaded)
  return { keys, settings, saved, release: () => void saved.then(release) }
}
