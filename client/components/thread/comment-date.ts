const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** When a comment was written, to the minute, in the reader's locale. */
export function formatCommentDate(at: number): string {
  return Number.isFinite(at) && at > 0 ? dateTime.format(new Date(at)) : ''
}
