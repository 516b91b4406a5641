/** The canonical spelling of a tag, shared by tags.ts and tag-aliases.ts. */
import { ValidationError } from './errors'
import * as v from './validate'

/** The canonical form of a tag, or a ValidationError naming `field`. */
export function normalizeTag(tag: unknown, field = 'tag'): string {
  const clean = v.text(field, tag, { max: v.LIMITS.tag * 2 }).toLowerCase()
  // Checked after lower-casing, which can lengthen a string ('İ' becomes two code units).
  if (clean.length > v.LIMITS.tag) {
    throw new ValidationError(field, `A tag may be at most ${v.LIMITS.tag} characters`)
  }
  if (clean.startsWith('#')) throw new ValidationError(field, 'Write a tag without a leading #')
  return clean
}

/** Whether a stored string is a tag in canonical form (another replica may store anything). */
export function isCanonicalTag(value: unknown): value is string {
  try {
    return normalizeTag(value) === value
  } catch {
    return false
  }
}
