/**
 * Meeting days are whole calendar days (`2026-03-20`), the same day for every member wherever
 * they are; "today" is the reader's own local day.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

// Made once: a formatter per call is slow. UTC, since a plain day must not shift with the zone.
const longDay = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

const pad = (value: number) => String(value).padStart(2, '0')

/** Milliseconds at UTC midnight of a day, or undefined when `day` names no real day. */
function dayTime(day: string): number | undefined {
  const parts = DAY.exec(day)
  if (!parts) return undefined
  const [year, month, date] = parts.slice(1).map(Number) as [number, number, number]
  const time = Date.UTC(year, month - 1, date)
  // Date.UTC rolls 2026-02-30 over into March: a day must be one its month has.
  return new Date(time).getUTCDate() === date && month >= 1 && month <= 12 ? time : undefined
}

/** The day if `text` names a real calendar day as `YYYY-MM-DD`, else undefined. */
export function parseDay(text: string): string | undefined {
  const day = text.trim()
  return dayTime(day) === undefined ? undefined : day
}

/** The day `days` after `day` (before, if negative). */
export function addDays(day: string, days: number): string {
  const time = dayTime(day)
  if (time === undefined) return day
  const next = new Date(time + days * MS_PER_DAY)
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`
}

/** "Fri, 20 Mar 2026" in the reader's locale; a malformed day (another replica's) as written. */
export function formatDay(day: string): string {
  const time = dayTime(day)
  return time === undefined ? day : longDay.format(time)
}

/** "today", "tomorrow", "in 5 days", "2 weeks ago": how far `day` is from `today`. */
export function relativeDay(day: string, today: string): string {
  const from = dayTime(today)
  const to = dayTime(day)
  if (from === undefined || to === undefined) return ''
  const days = Math.round((to - from) / MS_PER_DAY)
  if (Math.abs(days) < 14) return relative.format(days, 'day')
  if (Math.abs(days) < 60) return relative.format(Math.trunc(days / 7), 'week')
  return relative.format(Math.trunc(days / 30), 'month')
}

/** Meetings split around `today`: the next one (today or later), later ones, and past ones. */
export function splitByDay<T extends { meeting: { date: string } }>(
  meetings: readonly T[],
  today: string,
): { next: T | undefined; later: T[]; past: T[] } {
  // Sorted earliest first (listMeetings); a day compares as text.
  const coming = meetings.filter((item) => item.meeting.date >= today)
  const past = meetings.filter((item) => item.meeting.date < today).reverse()
  return { next: coming[0], later: coming.slice(1), past }
}
