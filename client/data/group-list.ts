import { accessOf, type Access } from '../../shared/invite'

/** A group this browser has joined. The key stays on this device: it is sent only as the token. */
export interface JoinedGroup {
  groupId: string
  key: string
  /** The group's name as last seen, so that the list needs no document to show it. */
  name: string
  /** Epoch milliseconds. */
  joinedAt: number
}

const STORAGE_KEY = 'margins:groups'

function isJoinedGroup(value: unknown): value is JoinedGroup {
  if (typeof value !== 'object' || value === null) return false
  const { groupId, key, name, joinedAt } = value as Record<string, unknown>
  return (
    typeof groupId === 'string' &&
    typeof key === 'string' &&
    typeof name === 'string' &&
    typeof joinedAt === 'number' &&
    accessOf(groupId, key) !== 'none'
  )
}

/** The groups this browser has joined, most recently joined first. */
export function readJoinedGroups(): JoinedGroup[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(value) ? value.filter(isJoinedGroup) : []
  } catch {
    return []
  }
}

function writeJoinedGroups(groups: JoinedGroup[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(groups))
}

/** The joined group with this id, if any. */
export function findJoinedGroup(groupId: string): JoinedGroup | undefined {
  return readJoinedGroups().find((group) => group.groupId === groupId)
}

/** What this browser's key grants on a joined group. */
export function accessOfJoined(group: JoinedGroup): Access {
  return accessOf(group.groupId, group.key)
}

/**
 * Remembers a group from an invite. Joining again with a write key upgrades a read key; a read
 * key never replaces a write key.
 */
export function rememberGroup(groupId: string, key: string, now = Date.now()): JoinedGroup {
  const groups = readJoinedGroups()
  const existing = groups.find((group) => group.groupId === groupId)
  if (existing) {
    if (accessOf(groupId, key) === 'write') existing.key = key
    writeJoinedGroups(groups)
    return existing
  }
  const group: JoinedGroup = { groupId, key, name: '', joinedAt: now }
  writeJoinedGroups([group, ...groups])
  return group
}

/** Updates the cached name of a joined group. */
export function rememberGroupName(groupId: string, name: string): void {
  const groups = readJoinedGroups()
  const group = groups.find((candidate) => candidate.groupId === groupId)
  if (!group || group.name === name) return
  group.name = name
  writeJoinedGroups(groups)
}
