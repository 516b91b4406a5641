import type { LibraryEntry } from '../../shared/model'

/**
 * True when a paper has something this member has not seen: it was added, or the group
 * annotated or discussed it, after the member last opened it on this device. Papers the member
 * added themselves start out read.
 */
export function isUnread(
  entry: LibraryEntry,
  seenAt: number | undefined,
  memberId: string | undefined,
): boolean {
  if (seenAt === undefined) return entry.paper.addedBy !== memberId
  return entry.paper.addedAt > seenAt
}
