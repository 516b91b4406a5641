const dateOnly = /^\d{4}-\d{2}-\d{2}$/
// Made once: building a formatter per call was the biggest cost of scrolling a long library.
const localDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

/**
 * A date in the reader's locale. A date without a time (`2024-03-13`, as papers are published) is
 * shown as that calendar day wherever the reader is.
 */
export function formatDate(value: string | number): string {
  const plainDay = typeof value === 'string' && dateOnly.test(value)
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : ''
  return (plainDay ? calendarDay : localDay).format(date)
}

/** The machine-readable form for a `<time datetime>` attribute. */
export function isoDate(value: string | number): string | undefined {
  if (typeof value === 'string' && dateOnly.test(value)) return value
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}
