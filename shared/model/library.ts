/** The library as the feed shows it: every paper with its tags, votes, counts and statuses. */
import type * as Y from 'yjs'
import { roots, splitPairKey } from './keys'
import { listPapers } from './papers'
import { paperClasses } from './same-paper'
import { asTag } from './tags'
import { resolverOf } from './tag-aliases'
import { asStatus, laterStatus } from './reading-status'
import { meetingsByPaper } from './meeting-read'
import { asTime } from './time'
import type { Paper, ReadingStatus } from './types'

/** One paper of the library with what the group did with it. */
export interface LibraryEntry {
  paper: Paper
  /** Tags, alphabetically, renamed and merged tags resolved (see tag-aliases.ts). */
  tags: string[]
  /** Ids of the members who voted for it. */
  voters: string[]
  /** Annotations that are not deleted. */
  annotationCount: number
  /** Comments that are not deleted. */
  commentCount: number
  /** Reading status by member id. */
  status: Record<string, ReadingStatus>
  /**
   * When each member last wrote on it, by member id: the newest creation or edit of their live
   * annotations and comments. Members who wrote nothing (or deleted all of it) are absent.
   */
  lastActivity: Record<string, number>
  /**
   * The ids of every stored record of this paper, sorted, the canonical `paper.id` among them
   * (see same-paper.ts): what was keyed on the paper under an id it had before two records
   * folded is still found.
   */
  aliases: string[]
  /**
   * When each live vote, comment and annotation was made (epoch ms, by its author's clock), for
   * the "hot" order (shared/ranking/hot.ts).
   */
  times: { votes: number[]; comments: number[]; annotations: number[] }
  /** The meetings with this paper on their agenda (id and ISO day), earliest first. */
  meetings: Array<{ id: string; date: string }>
}

/** Facts keyed `paperId + SEP + x`, gathered per canonical paper and x, keeping one per x. */
function gather<T>(
  map: Y.Map<unknown>,
  canonical: Map<string, string>,
  read: (value: unknown) => T | undefined,
  keep: (a: T, b: T) => T,
): Map<string, Map<string, T>> {
  const by = new Map<string, Map<string, T>>()
  map.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paper = parts && canonical.get(parts[0])
    const fact = paper === undefined ? undefined : read(value)
    if (!parts || paper === undefined || fact === undefined) return
    const facts = by.get(paper) ?? new Map<string, T>()
    const seen = facts.get(parts[1])
    facts.set(parts[1], seen === undefined ? fact : keep(seen, fact))
    by.set(paper, facts)
  })
  return by
}

/** Live annotations or comments per canonical paper: how many, and each author's newest. */
interface Discussion {
  count: number
  lastActivity: Record<string, number>
  /** Creation times of the live records. */
  created: number[]
}

function gatherLive(records: Y.Map<unknown>, canonical: Map<string, string>) {
  const by = new Map<string, Discussion>()
  records.forEach((record) => {
    if (typeof record !== 'object' || record === null) return
    const { paperId, deleted, author, created, edited } = record as Record<string, unknown>
    const paper = typeof paperId === 'string' ? canonical.get(paperId) : undefined
    if (deleted === true || paper === undefined) return
    const found = by.get(paper) ?? { count: 0, lastActivity: {}, created: [] }
    found.count += 1
    found.created.push(asTime(created) ?? 0)
    if (typeof author === 'string') {
      const at = Math.max(asTime(created) ?? 0, asTime(edited) ?? 0)
      found.lastActivity[author] = Math.max(found.lastActivity[author] ?? 0, at)
    }
    by.set(paper, found)
  })
  return by
}

function mergeActivity(...sources: (Discussion | undefined)[]): Record<string, number> {
  const merged: Record<string, number> = {}
  for (const source of sources) {
    for (const [member, at] of Object.entries(source?.lastActivity ?? {})) {
      merged[member] = Math.max(merged[member] ?? 0, at)
    }
  }
  return merged
}

const byKey = (a: [string, unknown], b: [string, unknown]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0

/**
 * The whole library, newest paper first, read in one pass over each part of the document (the
 * per-paper readers would scan the document once per paper).
 */
export function readLibrary(doc: Y.Doc): LibraryEntry[] {
  const ascending = (a: number, b: number) => a - b
  const { tags, votes, status, annotations, comments } = roots(doc)
  const { canonical, members } = paperClasses(doc)
  const earliest = (a: number, b: number) => Math.min(a, b)
  const tagsBy = gather(tags, canonical, (value) => asTag('', value)?.addedAt, earliest)
  const resolveTag = resolverOf(doc)
  const votesBy = gather(
    votes,
    canonical,
    (at) => (typeof at === 'number' ? (asTime(at) ?? 0) : undefined),
    earliest,
  )
  const statusBy = gather(status, canonical, asStatus, laterStatus)
  const annotationsBy = gatherLive(annotations, canonical)
  const commentsBy = gatherLive(comments, canonical)
  const meetingsBy = meetingsByPaper(doc)
  return listPapers(doc).map((paper) => ({
    paper,
    // Stored under any name; a paper carrying a tag under its old and new names shows it once.
    tags: [...new Set([...(tagsBy.get(paper.id)?.keys() ?? [])].map(resolveTag))].sort((a, b) =>
      a.localeCompare(b),
    ),
    voters: [...(votesBy.get(paper.id) ?? [])]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([id]) => id),
    annotationCount: annotationsBy.get(paper.id)?.count ?? 0,
    commentCount: commentsBy.get(paper.id)?.count ?? 0,
    // Keys in member id order, so that every replica reads the same entry whatever its map order.
    status: Object.fromEntries(
      [...(statusBy.get(paper.id) ?? [])]
        .sort(byKey)
        .map(([member, entry]) => [member, entry.status]),
    ),
    lastActivity: Object.fromEntries(
      Object.entries(mergeActivity(annotationsBy.get(paper.id), commentsBy.get(paper.id))).sort(
        byKey,
      ),
    ),
    aliases: [...(members.get(paper.id) ?? [paper.id])].sort(),
    // Ascending, so that every replica reads the same entry whatever its map order.
    times: {
      votes: [...(votesBy.get(paper.id)?.values() ?? [])].sort(ascending),
      comments: (commentsBy.get(paper.id)?.created ?? []).sort(ascending),
      annotations: (annotationsBy.get(paper.id)?.created ?? []).sort(ascending),
    },
    meetings: meetingsBy.get(paper.id) ?? [],
  }))
}
