/** Each member's reading status per paper, keyed `paperId + SEP + memberId`. */
import type * as Y from 'yjs'
import { pairKey, roots, splitPairKey } from './keys'
import { ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { sameAs } from './same-paper'
import { asTime } from './time'
import { READING_STATUSES, type Actor, type MemberStatus, type ReadingStatus } from './types'

/** A stored status value as its fields, or undefined. */
export function asStatus(value: unknown): { status: ReadingStatus; at: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { status, at } = value as Record<string, unknown>
  if (!READING_STATUSES.includes(status as ReadingStatus) || typeof at !== 'number')
    return undefined
  return { status: status as ReadingStatus, at: asTime(at) ?? 0 }
}

/**
 * Of two statuses a member set (on two records of one paper), the one that counts: the later, and
 * on equal times the greater status, so that every replica picks the same whatever its map order.
 */
export function laterStatus<T extends { status: ReadingStatus; at: number }>(a: T, b: T): T {
  if (a.at !== b.at) return a.at > b.at ? a : b
  return a.status >= b.status ? a : b
}

/** Every member's status of one paper: their latest, on whichever record of it. */
export function readingStatusOf(doc: Y.Doc, paperId: string): MemberStatus[] {
  const ids = new Set(sameAs(doc, paperId))
  const found = new Map<string, MemberStatus>()
  roots(doc).status.forEach((value, key) => {
    const parts = splitPairKey(key)
    const status = parts && ids.has(parts[0]) ? asStatus(value) : undefined
    if (!parts || !status) return
    const entry = { memberId: parts[1], ...status }
    const seen = found.get(parts[1])
    found.set(parts[1], seen ? laterStatus(seen, entry) : entry)
  })
  return [...found.values()].sort((a, b) => a.at - b.at || a.memberId.localeCompare(b.memberId))
}

/** Sets the acting member's status of a paper; `null` clears it. */
export function setReadingStatus(
  doc: Y.Doc,
  actor: Actor,
  paperId: string,
  status: ReadingStatus | null,
): void {
  const by = writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  if (status !== null && !READING_STATUSES.includes(status)) {
    throw new ValidationError('status', `status must be one of ${READING_STATUSES.join(', ')}`)
  }
  const key = pairKey(paper.id, by.memberId)
  const { status: statuses } = roots(doc)
  doc.transact(() => {
    // One status per member and paper: clear any left on another record of the same paper.
    for (const id of sameAs(doc, paper.id)) {
      const other = pairKey(id, by.memberId)
      if (other !== key && statuses.has(other)) statuses.delete(other)
    }
    if (status === null) statuses.delete(key)
    else statuses.set(key, { status, at: by.now })
  })
}
