import { createSignal, onCleanup, type Accessor } from 'solid-js'
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
/** Groups left whose local databases may not be deleted yet (see leave-group.ts). */
const LEAVING_KEY = 'margins:leaving'
/** Tells lists in this tab that the joined groups changed (`storage` only fires in other tabs). */
const CHANGE_EVENT = 'margins:groups-changed'

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

function readArray(storageKey: string): unknown[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]')
    return Array.isArray(value) ? value : []
  } catch {
    return []
  }
}

/** The groups this browser has joined, most recently joined first. */
export function readJoinedGroups(): JoinedGroup[] {
  return readArray(STORAGE_KEY).filter(isJoinedGroup)
}

function writeJoinedGroups(groups: JoinedGroup[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(groups))
  window.dispatchEvent(new Event(CHANGE_EVENT))
}

/**
 * The joined groups for the lifetime of the calling owner, following changes made in this tab
 * and in others.
 */
export function createJoinedGroups(): Accessor<JoinedGroup[]> {
  const [groups, setGroups] = createSignal(readJoinedGroups())
  const update = () => setGroups(readJoinedGroups())
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) update()
  }
  window.addEventListener(CHANGE_EVENT, update)
  window.addEventListener('storage', onStorage)
  onCleanup(() => {
    window.removeEventListener(CHANGE_EVENT, update)
    window.removeEventListener('storage', onStorage)
  })
  return groups
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
 * Remembers a group from an invite or one created here. Joining again with a write key upgrades
 * a read key; a read key never replaces a write key. Rejoining a group being left cancels the
 * deletion of its local copy.
 */
export function rememberGroup(groupId: string, key: string, now = Date.now()): JoinedGroup {
  setLeaving(readLeavingGroups().filter((id) => id !== groupId))
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

/** Removes a group from the list and records that its local copy is to be deleted. */
export function forgetGroup(groupId: string): void {
  const leaving = readLeavingGroups()
  if (!leaving.includes(groupId)) setLeaving([...leaving, groupId])
  writeJoinedGroups(readJoinedGroups().filter((group) => group.groupId !== groupId))
}

/** Groups left on this device whose local copy has not been deleted yet. */
export function readLeavingGroups(): string[] {
  return readArray(LEAVING_KEY).filter((id): id is string => typeof id === 'string')
}

/** Records that a left group's local copy is gone. */
export function forgetLeaving(groupId: string): void {
  setLeaving(readLeavingGroups().filter((id) => id !== groupId))
}

function setLeaving(groupIds: string[]): void {
  if (groupIds.length === 0) localStorage.removeItem(LEAVING_KEY)
  else localStorage.setItem(LEAVING_KEY, JSON.stringify(groupIds))
}
