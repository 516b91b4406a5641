/** The library as the feed shows it: every paper with its tags, votes, counts and statuses. */
import type * as Y from 'yjs'
import { roots, splitPairKey } from './keys'
import { listPapers } from './papers'
import { asTag } from './tags'
import { asStatus } from './reading-status'
import type { Paper, ReadingStatus } from './types'

/** One paper of the library with what the group did with it. */
export interface LibraryEntry {
  paper: Paper
  /** Tags, alphabetically. */
  tags: string[]
  /** Ids of the members who voted for it. */
  voters: string[]
  /** Annotations that are not deleted. */
  annotationCount: number
  /** Comments that are not deleted. */
  commentCount: number
  /** Reading status by member id. */
  status: Record<string, ReadingStatus>
}

function group<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function countLive(records: Y.Map<unknown>): Map<string, number> {
  const counts = new Map<string, number>()
  records.forEach((record) => {
    if (typeof record !== 'object' || record === null) return
    const { paperId, deleted } = record as { paperId?: unknown; deleted?: unknown }
    if (deleted !== true && typeof paperId === 'string') {
      counts.set(paperId, (counts.get(paperId) ?? 0) + 1)
    }
  })
  return counts
}

/**
 * The whole library, newest paper first, read in one pass over each part of the document (the
 * per-paper readers would scan the document once per paper).
 */
export function readLibrary(doc: Y.Doc): LibraryEntry[] {
  const { tags, votes, status, annotations, comments } = roots(doc)
  const tagsBy = new Map<string, string[]>()
  tags.forEach((value, key) => {
    const parts = splitPairKey(key)
    if (parts && asTag(parts[1], value)) group(tagsBy, parts[0], parts[1])
  })
  const votesBy = new Map<string, Array<[string, number]>>()
  votes.forEach((at, key) => {
    const parts = splitPairKey(key)
    if (parts && typeof at === 'number') group(votesBy, parts[0], [parts[1], at])
  })
  const statusBy = new Map<string, Record<string, ReadingStatus>>()
  status.forEach((value, key) => {
    const parts = splitPairKey(key)
    const entry = asStatus(value)
    if (!parts || !entry) return
    const byMember = statusBy.get(parts[0]) ?? {}
    byMember[parts[1]] = entry.status
    statusBy.set(parts[0], byMember)
  })
  const annotationCounts = countLive(annotations)
  const commentCounts = countLive(comments)
  return listPapers(doc).map((paper) => ({
    paper,
    tags: (tagsBy.get(paper.id) ?? []).sort((a, b) => a.localeCompare(b)),
    voters: (votesBy.get(paper.id) ?? [])
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([id]) => id),
    annotationCount: annotationCounts.get(paper.id) ?? 0,
    commentCount: commentCounts.get(paper.id) ?? 0,
    status: statusBy.get(paper.id) ?? {},
  }))
}
