/** Each member's reading status per paper, keyed `paperId + SEP + memberId`. */
import type * as Y from 'yjs'
import { pairKey, roots, splitPairKey } from './keys'
import { ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { READING_STATUSES, type Actor, type MemberStatus, type ReadingStatus } from './types'

/** A stored status value as its fields, or undefined. */
export function asStatus(value: unknown): { status: ReadingStatus; at: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { status, at } = value as Record<string, unknown>
  if (!READING_STATUSES.includes(status as ReadingStatus) || typeof at !== 'number')
    return undefined
  return { status: status as ReadingStatus, at }
}

/** Every member's status of one paper. */
export function readingStatusOf(doc: Y.Doc, paperId: string): MemberStatus[] {
  const found: MemberStatus[] = []
  roots(doc).status.forEach((value, key) => {
    const parts = splitPairKey(key)
    const status = parts?.[0] === paperId ? asStatus(value) : undefined
    if (parts && status) found.push({ memberId: parts[1], ...status })
  })
  return found.sort((a, b) => a.at - b.at || a.memberId.localeCompare(b.memberId))
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
  doc.transact(() => {
    if (status === null) roots(doc).status.delete(key)
    else roots(doc).status.set(key, { status, at: by.now })
  })
}
