import { createSecret, isKey } from '../../shared/invite'

/** Who this browser is: a random member id plus the name and colour the member chose. */
export interface LocalProfile {
  memberId: string
  name: string
  /** `#rrggbb`. */
  colour: string
}

const STORAGE_KEY = 'margins:profile'
const SECRET_KEY = 'margins:member-secret'
const COLOUR_PATTERN = /^#[0-9a-f]{6}$/

/** The profile saved in this browser, or undefined before the first-run form was filled in. */
export function readLocalProfile(): LocalProfile | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    if (typeof value !== 'object' || value === null) return undefined
    const { memberId, name, colour } = value as Record<string, unknown>
    if (typeof memberId !== 'string' || !isKey(memberId)) return undefined
    if (typeof name !== 'string' || typeof colour !== 'string' || !COLOUR_PATTERN.test(colour)) {
      return undefined
    }
    return { memberId, name, colour }
  } catch {
    return undefined
  }
}

/** Saves the name and colour, keeping the member id once one exists. */
export function saveLocalProfile(fields: { name: string; colour: string }): LocalProfile {
  const profile: LocalProfile = {
    memberId: readLocalProfile()?.memberId ?? createSecret(),
    name: fields.name.trim(),
    colour: fields.colour.toLowerCase(),
  }
  localStorage.setItem(STORAGE_KEY, JSON.stringify(profile))
  return profile
}

/** The secret made in this tab when the browser keeps nothing (storage blocked). */
let unsaved: string | undefined

/**
 * The member's secret on this device: it opens their private documents (read marks, reading
 * positions; see `privateKeysOf`), and travels only in a device link, so that their other
 * devices open the same ones. Made on first use.
 */
export function memberSecret(): string {
  try {
    const stored = localStorage.getItem(SECRET_KEY)
    if (stored !== null && isKey(stored)) return stored
    const secret = createSecret()
    localStorage.setItem(SECRET_KEY, secret)
    return secret
  } catch {
    return (unsaved ??= createSecret())
  }
}

/**
 * Makes this device the member a device link describes: their id, name, colour and secret.
 * Throws when the browser keeps nothing (storage blocked), having changed nothing.
 */
export function adoptMember(member: LocalProfile & { secret: string }): LocalProfile {
  const profile: LocalProfile = {
    memberId: member.memberId,
    name: member.name,
    colour: member.colour,
  }
  const before = localStorage.getItem(SECRET_KEY)
  localStorage.setItem(SECRET_KEY, member.secret)
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(profile))
  } catch (error) {
    if (before === null) localStorage.removeItem(SECRET_KEY)
    else localStorage.setItem(SECRET_KEY, before)
    throw error
  }
  return profile
}
