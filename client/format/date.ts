const dateOnly = /^\d{4}-\d{2}-\d{2}$/
// Made once: building a formatter per call was the biggest cost of scrolling a long library.
const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

// Formatting an Invalid Date throws a RangeError, and times come from other members' replicas:
// only a Date that holds a time ever reaches a formatter.
function toDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * A date in the reader's locale. A date without a time (`2024-03-13`, as papers are published) is
 * shown as that calendar day wherever the reader is. A date that names no time shows as written
 * (a string) or not at all (a number); this never throws.
 */
export function formatDate(value: string | number): string {
  const date = toDate(value)
  if (!date) return typeof value === 'string' ? value : ''
  const plainDay = typeof value === 'string' && dateOnly.test(value)
  return (plainDay ? calendarDay : localTime).format(date)
}

/** The machine-readable form for a `<time datetime>` attribute, or undefined; never throws. */
export function isoDate(value: string | number): string | undefined {
  if (typeof value === 'string' && dateOnly.test(value)) return value
  return toDate(value)?.toISOString()
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The reader's local calendar day of `now`, as `YYYY-MM-DD`: what "today" means to them. */
export function localDay(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
