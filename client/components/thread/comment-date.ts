import { asTime } from '../../../shared/model/time'
import { isoDate } from '../../format/date'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

// The model reads a time it cannot use as 0: unknown, so shown as nothing rather than 1970.
const known = (at: number) => {
  const time = asTime(at)
  return time !== undefined && time > 0 ? time : undefined
}

/**
 * When a comment or annotation was written, to the minute, in the reader's locale; empty for an
 * unknown time or one no Date can hold (which would make the formatter throw).
 */
export function formatCommentDate(at: number): string {
  const time = known(at)
  return time === undefined ? '' : dateTime.format(new Date(time))
}

/** The same time for a `<time datetime>` attribute, or undefined when it is not known. */
export function commentDateTime(at: number): string | undefined {
  const time = known(at)
  return time === undefined ? undefined : isoDate(time)
}
