import type * as Y from 'yjs'
import { createEffect, untrack, type Accessor } from 'solid-js'
import {
  ModelError,
  getMember,
  listMembers,
  readGroup,
  upsertMember,
  type GroupSettings,
  type Member,
} from '../../shared/model'
import type { Access } from '../../shared/invite'
import { createGroupConnection, type SyncStatus } from './open-group'
import { createDocProjection, type DocProjection } from './create-doc-projection'
import { createLibrary, type LibraryItem } from './create-library'
import { createFirstScreen } from './first-screen'
import { accessOfJoined, rememberGroupName, type JoinedGroup } from './group-list'
import type { LocalProfile } from './local-profile'
import { createGroupActions, type GroupActions } from './group-actions'
import { createPresence, type Presence } from './presence'
import { createReadMarks, type ReadMarks } from './read-marks'
import { createReadingPositions, type ReadingPositions } from './reading-positions'

/**
 * Everything a group page shows, as plain Solid state. Components read its projections and write
 * through `actions.run` with mutations from shared/model; `doc` is for client/data/ only.
 */
export interface GroupView {
  readonly groupId: string
  readonly access: Access
  readonly canWrite: boolean
  /** This device's member id, once the member has a profile. */
  readonly memberId: Accessor<string | undefined>
  readonly doc: Y.Doc
  readonly actions: GroupActions
  readonly presence: Presence
  readonly readMarks: ReadMarks
  /** This member's last page in each paper's PDF, on whichever of their devices. */
  readonly reading: ReadingPositions
  readonly status: Accessor<SyncStatus>
  /**
   * False only until this device's copy (or the server's) has been read. Until then, settings,
   * members and library may show the plain copy of the first screen this device kept.
   */
  readonly loaded: Accessor<boolean>
  /** True while connected and up to date with the server. */
  readonly synced: Accessor<boolean>
  /** False when this browser cannot keep the group offline (storage blocked). */
  readonly keptOnDevice: Accessor<boolean>
  /** True when this device's copy could not be read, so the group came from the server again. */
  readonly recovered: Accessor<boolean>
  readonly settings: DocProjection<GroupSettings | undefined>
  readonly members: DocProjection<Member[]>
  readonly library: DocProjection<LibraryItem[]>
}

/**
 * Opens a joined group for the lifetime of the calling owner. Once synced with write access, it
 * writes the member's profile into the group whenever the group's copy differs from it.
 */
export function createGroupView(
  group: JoinedGroup,
  profile: Accessor<LocalProfile | undefined>,
): GroupView {
  const connection = createGroupConnection(group.groupId, group.key)
  const { doc } = connection
  const access = accessOfJoined(group)
  const { settings, members, library } = createFirstScreen(connection, {
    settings: createDocProjection(doc, readGroup, undefined),
    members: createDocProjection(doc, listMembers, []),
    library: createLibrary(doc),
  })
  const memberId = () => profile()?.memberId
  const actions = createGroupActions(doc, access === 'write', memberId, connection.loaded)
  const presence = createPresence(connection.awareness, profile)
  const readMarks = createReadMarks(group.groupId)
  const reading = createReadingPositions(group.groupId)

  createEffect(() => {
    const name = settings.value?.name
    if (name) rememberGroupName(group.groupId, name)
  })

  createEffect(() => {
    const me = profile()
    if (access !== 'write' || !me || !connection.synced()) return
    untrack(() => {
      const current = getMember(doc, me.memberId)
      if (current?.name === me.name && current.colour === me.colour) return
      try {
        upsertMember(doc, { memberId: me.memberId }, { name: me.name, colour: me.colour })
      } catch (error) {
        // A group that is empty or saved by a newer version cannot take the profile yet.
        if (!(error instanceof ModelError)) throw error
      }
    })
  })

  return {
    groupId: group.groupId,
    access,
    canWrite: access === 'write',
    memberId,
    doc,
    actions,
    presence,
    readMarks,
    reading,
    status: connection.status,
    loaded: connection.loaded,
    synced: connection.synced,
    keptOnDevice: connection.keptOnDevice,
    recovered: connection.recovered,
    settings,
    members,
    library,
  }
}
