import { toBase64UrlEncoded } from 'lib0/buffer'
import { getRandomValues } from 'lib0/webcrypto'

/** Who this browser is: a random member id plus the name and colour the member chose. */
export interface LocalProfile {
  memberId: string
  name: string
  /** `#rrggbb`. */
  colour: string
}

const STORAGE_KEY = 'margins:profile'
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/
const COLOUR_PATTERN = /^#[0-9a-f]{6}$/

function newMemberId(): string {
  return toBase64UrlEncoded(getRandomValues(new Uint8Array(16)))
}

/** The profile saved in this browser, or undefined before the first-run form was filled in. */
export function readLocalProfile(): LocalProfile | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    if (typeof value !== 'object' || value === null) return undefined
    const { memberId, name, colour } = value as Record<string, unknown>
    if (typeof memberId !== 'string' || !ID_PATTERN.test(memberId)) return undefined
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
    memberId: readLocalProfile()?.memberId ?? newMemberId(),
    name: fields.name.trim(),
    colour: fields.colour.toLowerCase(),
  }
  localStorage.setItem(STORAGE_KEY, JSON.stringify(profile))
  return profile
}
