import type { LibraryEntry } from '../../shared/model'

/** Why a paper is unread: it is new to this member, or others wrote on it since their visit. */
export type UnreadReason = 'new-paper' | 'new-discussion'

/**
 * Why a paper has something this member has not seen, or undefined when it has nothing: it was
 * added after the member last opened it on this device (or never opened), or another member
 * annotated or commented on it since. Papers the member added themselves start out seen, and
 * their own annotations and comments never make a paper unread.
 */
export function unreadReason(
  entry: LibraryEntry,
  seenAt: number | undefined,
  memberId: string | undefined,
): UnreadReason | undefined {
  const since =
    seenAt ??
    (memberId !== undefined && entry.paper.addedBy === memberId ? entry.paper.addedAt : undefined)
  if (since === undefined || entry.paper.addedAt > since) return 'new-paper'
  for (const [member, at] of Object.entries(entry.lastActivity)) {
    if (member !== memberId && at > since) return 'new-discussion'
  }
  return undefined
}

/** True when a paper has something this member has not seen (see {@link unreadReason}). */
export function isUnread(
  entry: LibraryEntry,
  seenAt: number | undefined,
  memberId: string | undefined,
): boolean {
  return unreadReason(entry, seenAt, memberId) !== undefined
}
