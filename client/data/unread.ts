import type { LibraryEntry } from '../../shared/model'
import type { ReadMark } from './read-mark'

/** Why a paper is unread: it is new to this member, or others wrote on it since their visit. */
export type UnreadReason = 'new-paper' | 'new-discussion'

/** Other members' newest activity on the paper. */
const othersActivity = (entry: LibraryEntry, memberId: string | undefined) =>
  Object.entries(entry.lastActivity).filter(([member]) => member !== memberId)

/**
 * Why a paper has something this member has not seen, given their newest visit to it on this
 * device (over all the paper's ids, see `ReadMarks.seen`), or undefined when it has nothing.
 *
 * - Never opened here: new, unless the member added it themselves.
 * - Another member's newest activity is newer than what the visit saw of that member: new
 *   discussion. Each member's times come from their own clock and are only compared with each
 *   other, so a comment written offline before the visit and synced after it still shows, and
 *   so does one from a clock that is behind. On their own paper never opened, everything others
 *   wrote is new to the member.
 * - A visit that kept no activity (marks from before visits did) falls back to comparing times:
 *   added or written on after the visit.
 *
 * The member's own annotations and comments never make a paper unread.
 */
export function unreadReason(
  entry: LibraryEntry,
  mark: ReadMark | undefined,
  memberId: string | undefined,
): UnreadReason | undefined {
  const mine = memberId !== undefined && entry.paper.addedBy === memberId
  if (mark === undefined && !mine) return 'new-paper'
  if (mark !== undefined && mark.activity === undefined) {
    if (entry.paper.addedAt > mark.at) return 'new-paper'
    const newer = othersActivity(entry, memberId).some(([, at]) => at > mark.at)
    return newer ? 'new-discussion' : undefined
  }
  const seen = mark?.activity ?? {}
  const newer = othersActivity(entry, memberId).some(
    ([member, at]) => at > (seen[member] ?? -Infinity),
  )
  return newer ? 'new-discussion' : undefined
}

/** True when a paper has something this member has not seen (see {@link unreadReason}). */
export function isUnread(
  entry: LibraryEntry,
  mark: ReadMark | undefined,
  memberId: string | undefined,
): boolean {
  return unreadReason(entry, mark, memberId) !== undefined
}
