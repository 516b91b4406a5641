import { createEffect, createMemo, mapArray, type Accessor } from 'solid-js'
import { readGroup } from '../../shared/model'
import { accessOfJoined, rememberGroupName, type JoinedGroup } from './group-list'
import { createGroupConnection } from './open-group'
import { createDocProjection } from './create-doc-projection'
import { createLibrary } from './create-library'
import { createReadMarks } from './read-marks'
import { isUnread } from './unread'
import type { LocalProfile } from './local-profile'

/** What the list of the member's groups shows of each. */
export interface GroupSummary {
  readonly groupId: string
  /** The group's name, or '' while neither the document nor the cache has one. */
  readonly name: string
  readonly readOnly: boolean
  /** Papers in the library; undefined until this device's copy has been read. */
  readonly papers: number | undefined
  /** Papers with something this member has not seen; undefined until known. */
  readonly unread: number | undefined
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index])
}

function summarize(
  groupId: string,
  group: Accessor<JoinedGroup | undefined>,
  profile: Accessor<LocalProfile | undefined>,
): GroupSummary {
  const key = group()?.key ?? ''
  const connection = createGroupConnection(groupId, key)
  const settings = createDocProjection(connection.doc, readGroup, undefined)
  const library = createLibrary(connection.doc)
  const marks = createReadMarks(groupId, { sync: false })

  createEffect(() => {
    const name = settings.value?.name
    if (name) rememberGroupName(groupId, name)
  })

  const known = () => connection.loaded() && marks.loaded() && settings.value !== undefined
  const unread = createMemo(() => {
    if (!known()) return undefined
    const me = profile()?.memberId
    return library.value.filter((entry) => isUnread(entry, marks.seen(entry.aliases), me)).length
  })

  return {
    groupId,
    get name() {
      return settings.value?.name || group()?.name || ''
    },
    get readOnly() {
      const current = group()
      return !current || accessOfJoined(current) !== 'write'
    },
    get papers() {
      return known() ? library.value.length : undefined
    },
    get unread() {
      return unread()
    },
  }
}

/**
 * A summary of each joined group for the lifetime of the calling owner: the list shows at once
 * from the cached names, and counts fill in as each group's document loads. Each group stays open
 * (and syncing) while listed, so the counts follow what other members do.
 */
export function createGroupSummaries(
  groups: Accessor<readonly JoinedGroup[]>,
  profile: Accessor<LocalProfile | undefined>,
): Accessor<GroupSummary[]> {
  const ids = createMemo(() => groups().map((group) => group.groupId), [], { equals: sameIds })
  const find = (groupId: string) => () => groups().find((group) => group.groupId === groupId)
  return mapArray(ids, (groupId) => summarize(groupId, find(groupId), profile))
}
