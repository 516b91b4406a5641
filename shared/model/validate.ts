/**
 * Input checks shared by the mutations. Each returns the cleaned value or throws a
 * ValidationError naming the field; none of them writes anything.
 */
import { ValidationError } from './errors'
import type { Actor } from './types'

/**
 * True when `value` holds a control character (C0, DEL or C1). Tab and newline count only when
 * `multiline` is false. They never belong in member-written text, and keeping them out keeps
 * composite keys (see keys.ts) unambiguous.
 */
export function hasControl(value: string, multiline = false): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (multiline && (c === 9 || c === 10)) continue
    if (c < 32 || (c >= 127 && c <= 159)) return true
  }
  return false
}

/**
 * True when `value` holds half of a UTF-16 surrogate pair. Yjs encodes such a half as U+FFFD on
 * the wire while the writer's replica keeps it, so replicas would differ for good.
 */
export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return true
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

/** Limits on member-written text, in UTF-16 code units. */
export const LIMITS = {
  groupName: 100,
  groupDescription: 2_000,
  memberName: 60,
  title: 1_000,
  abstract: 20_000,
  author: 300,
  authors: 2_000,
  url: 2_000,
  note: 10_000,
  body: 20_000,
  tag: 50,
  quote: 20_000,
  context: 500,
} as const

interface TextRules {
  max: number
  /** Allow an empty (after trimming) value. */
  empty?: boolean
  /** Keep newlines and tabs; otherwise runs of whitespace collapse to one space. */
  multiline?: boolean
}

/** A string field: trimmed, NFC-normalized, within its limit, without control characters. */
export function text(field: string, value: unknown, rules: TextRules): string {
  if (typeof value !== 'string') throw new ValidationError(field, `${field} must be text`)
  let clean = value.normalize('NFC').replace(/\r\n?/g, '\n')
  clean = rules.multiline ? clean.trim() : clean.replace(/\s+/g, ' ').trim()
  if (!rules.empty && clean.length === 0) {
    throw new ValidationError(field, `${field} must not be empty`)
  }
  if (clean.length > rules.max) {
    throw new ValidationError(field, `${field} is longer than ${rules.max} characters`)
  }
  if (hasControl(clean, rules.multiline)) {
    throw new ValidationError(field, `${field} contains control characters`)
  }
  if (hasLoneSurrogate(clean)) {
    throw new ValidationError(field, `${field} contains a broken character (half a surrogate pair)`)
  }
  return clean
}

/**
 * A string kept exactly as given (a quote must match the text it was taken from), checked for
 * length, control characters other than tab and newline, and broken characters.
 */
export function rawText(field: string, value: unknown, max: number, empty = false): string {
  if (typeof value !== 'string') throw new ValidationError(field, `${field} must be text`)
  if (!empty && value.trim().length === 0) {
    throw new ValidationError(field, `${field} must not be empty`)
  }
  if (value.length > max) {
    throw new ValidationError(field, `${field} is longer than ${max} characters`)
  }
  if (hasControl(value, true) || hasLoneSurrogate(value)) {
    throw new ValidationError(field, `${field} contains control or broken characters`)
  }
  return value
}

/** An optional string field: undefined stays undefined, an empty string becomes undefined. */
export function optionalText(field: string, value: unknown, rules: TextRules): string | undefined {
  if (value === undefined) return undefined
  const clean = text(field, value, { ...rules, empty: true })
  return clean === '' ? undefined : clean
}

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** An id the model generated or a member id: 1 to 64 characters of base64url. */
export function id(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw new ValidationError(field, `${field} must be an id of 1 to 64 letters, digits, - or _`)
  }
  return value
}

/** A reference to a paper: the id format of papers (arXiv ids hold dots and slashes). */
export function paperRef(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
    throw new ValidationError(field, `${field} must be a paper id`)
  }
  if (hasControl(value) || hasLoneSurrogate(value)) {
    throw new ValidationError(field, `${field} is not a paper id`)
  }
  return value
}

const COLOUR = /^#[0-9a-f]{6}$/i

/** A colour as `#rrggbb`, returned in lower case. */
export function colour(field: string, value: unknown): string {
  if (typeof value !== 'string' || !COLOUR.test(value)) {
    throw new ValidationError(field, `${field} must be a colour like #1f77b4`)
  }
  return value.toLowerCase()
}

/** The colour shown for a stored colour that is not `#rrggbb`. */
export const NEUTRAL_COLOUR = '#888888'

/**
 * A colour read back from the document: `#rrggbb` in lower case, or the neutral grey when another
 * replica stored anything else. Colours reach CSS, where `url(...)` would draw an image.
 */
export function storedColour(value: unknown): string {
  return typeof value === 'string' && COLOUR.test(value) ? value.toLowerCase() : NEUTRAL_COLOUR
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i

/** An absolute http(s) URL; other schemes (javascript:, data:) are refused. */
export function url(field: string, value: unknown): string {
  const clean = text(field, value, { max: LIMITS.url })
  if (!HTTP_URL.test(clean)) throw new ValidationError(field, `${field} must be an http(s) URL`)
  return clean
}

// ISO 8601 at the precision the source has: a BibTeX entry may give only a year or a month.
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/

/** An ISO 8601 year, month, date or date-time that names a real time. */
export function isoDate(field: string, value: unknown): string {
  const clean = text(field, value, { max: 40 })
  if (!ISO_DATE.test(clean) || Number.isNaN(Date.parse(clean)) || !dayExists(clean)) {
    throw new ValidationError(
      field,
      `${field} must be an ISO date like 2024-03-13 (or 2024-03, or 2024)`,
    )
  }
  return clean
}

// Date.parse rolls 2024-02-30 over into March; a date must name a day the month has.
export function dayExists(date: string): boolean {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number)
  if (year === undefined || month === undefined || day === undefined) return true
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day
}

/** True for a SHA-256 as 64 lowercase hex digits: a PDF's name in the server's blob store. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
}

/** A SHA-256 as 64 hex digits, returned in lower case. */
export function sha256(field: string, value: unknown): string {
  const lower = typeof value === 'string' ? value.toLowerCase() : value
  if (!isSha256(lower)) {
    throw new ValidationError(field, `${field} must be a SHA-256 of 64 hex digits`)
  }
  return lower
}

/** A whole number in [min, max]. */
export function integer(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `${field} must be a whole number from ${min} to ${max}`)
  }
  return value
}

/** A boolean. */
export function bool(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, `${field} must be true or false`)
  return value
}

/** The actor's id and the time of the change. */
export function actor(value: Actor): { memberId: string; now: number } {
  if (typeof value !== 'object' || value === null) {
    throw new ValidationError('actor', 'actor is required')
  }
  const memberId = id('actor.memberId', value.memberId)
  const now = value.now ?? Date.now()
  if (!Number.isFinite(now) || now < 0) {
    throw new ValidationError('actor.now', 'actor.now must be epoch milliseconds')
  }
  return { memberId, now }
}

/** The object a mutation takes as input. */
export function record(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(field, `${field} must be an object`)
  }
  return value as Record<string, unknown>
}
