import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer'
import { decodeUtf8, encodeUtf8 } from 'lib0/string'
import { accessOf, isKey } from '../../shared/invite'
import { ModelError, LIMITS } from '../../shared/model'
import { text } from '../../shared/model/validate'
import { readJoinedGroups, rememberGroup, rememberGroupName } from './group-list'
import { adoptMember, memberSecret, type LocalProfile } from './local-profile'

/**
 * What a device link carries: who the member is (id, name, colour), their secret (which opens
 * their private documents: read marks, reading positions) and the groups they joined with their
 * keys. Opening it on another device makes that device the same member, in the same groups.
 */
export interface DeviceLink {
  readonly member: LocalProfile & { readonly secret: string }
  readonly groups: readonly { groupId: string; key: string; name: string }[]
}

const VERSION = 1
const COLOUR = /^#[0-9a-f]{6}$/

/**
 * The device link of this device's member: `<origin>/#device/<data>`, the data being base64url
 * JSON. Like an invite link, it travels in the fragment, which no server sees.
 */
export function deviceLinkOf(origin: string, profile: LocalProfile): string {
  const groups = readJoinedGroups().map(({ groupId, key, name }) => [groupId, key, name])
  const data = {
    v: VERSION,
    m: profile.memberId,
    n: profile.name,
    c: profile.colour,
    s: memberSecret(),
    g: groups,
  }
  const encoded = toBase64UrlEncoded(encodeUtf8(JSON.stringify(data)))
  return `${origin.replace(/\/+$/, '')}/#device/${encoded}`
}

/** The name of a group or member as the model accepts it, or undefined. */
function cleanName(value: unknown, max: number, empty: boolean): string | undefined {
  try {
    return text('name', value, { max, empty })
  } catch (error) {
    if (error instanceof ModelError) return undefined
    throw error
  }
}

function parseGroup(value: unknown): DeviceLink['groups'][number] | undefined {
  if (!Array.isArray(value)) return undefined
  const [groupId, key, rawName] = value as unknown[]
  if (typeof groupId !== 'string' || typeof key !== 'string') return undefined
  if (accessOf(groupId, key) === 'none') return undefined
  const name = cleanName(rawName, LIMITS.groupName, true)
  return name === undefined ? undefined : { groupId, key, name }
}

/**
 * The device link in `data` (what follows `#device/`), or undefined when it is not one: damaged,
 * cut short, or with any part that is not what a device link holds.
 */
export function parseDeviceLink(data: string): DeviceLink | undefined {
  let value: unknown
  try {
    value = JSON.parse(decodeUtf8(fromBase64UrlEncoded(data)))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { v, m, n, c, s, g } = value as Record<string, unknown>
  if (v !== VERSION || typeof m !== 'string' || !isKey(m)) return undefined
  if (typeof s !== 'string' || !isKey(s) || typeof c !== 'string' || !COLOUR.test(c)) {
    return undefined
  }
  const name = cleanName(n, LIMITS.memberName, false)
  if (name === undefined || !Array.isArray(g)) return undefined
  const groups = g.map(parseGroup)
  if (groups.some((group) => group === undefined)) return undefined
  return {
    member: { memberId: m, name, colour: c, secret: s },
    groups: groups as DeviceLink['groups'],
  }
}

/**
 * Makes this device the link's member and joins its groups (a write key never gives way to a
 * read key, as with invites). Throws when the browser keeps nothing, having changed nothing.
 */
export function adoptDeviceLink(link: DeviceLink): LocalProfile {
  const profile = adoptMember(link.member)
  for (const { groupId, key, name } of link.groups) {
    rememberGroup(groupId, key)
    if (name) rememberGroupName(groupId, name)
  }
  return profile
}
