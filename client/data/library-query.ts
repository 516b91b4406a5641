import type { LibraryEntry, ReadingStatus } from '../../shared/model'
import { untrack } from 'solid-js'
import { hotScore } from '../../shared/ranking/hot'
import { plainValue } from './create-doc-projection'

/** How the feed orders papers. */
export type LibrarySort = 'newest' | 'hot' | 'votes' | 'discussed'

/** Every order, as the sort menu lists them. */
export const LIBRARY_SORTS: readonly { value: LibrarySort; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'hot', label: 'Hot' },
  { value: 'votes', label: 'Most votes' },
  { value: 'discussed', label: 'Most discussed' },
]

/** The reader's own reading status to keep: any, one of them, or papers without one. */
export type StatusFilter = 'any' | ReadingStatus | 'none'

/** Whether a paper must carry every chosen tag or at least one of them. */
export type TagMode = 'all' | 'any'

/** What the reader asked the feed for. */
export interface LibraryQuery {
  text: string
  sort: LibrarySort
  tags: string[]
  tagMode: TagMode
  status: StatusFilter
}

/** The feed as it opens: every paper, newest first. */
export function emptyQuery(): LibraryQuery {
  return { text: '', sort: 'newest', tags: [], tagMode: 'all', status: 'any' }
}

/** True when the query hides some papers (the sort alone hides none). */
export function isFiltered(query: LibraryQuery): boolean {
  return query.text.trim() !== '' || query.tags.length > 0 || query.status !== 'any'
}

/** The member's own reading status of a paper, 'none' when they have not set one. */
export function myStatus(
  entry: LibraryEntry,
  memberId: string | undefined,
): ReadingStatus | 'none' {
  return (memberId !== undefined && entry.status[memberId]) || 'none'
}

/** True when the paper passes the tag and status filters (the text is matched by the index). */
export function matchesFilters(
  entry: LibraryEntry,
  query: LibraryQuery,
  memberId: string | undefined,
): boolean {
  if (query.status !== 'any' && myStatus(entry, memberId) !== query.status) return false
  if (query.tags.length === 0) return true
  const has = (tag: string) => entry.tags.includes(tag)
  return query.tagMode === 'all' ? query.tags.every(has) : query.tags.some(has)
}

function newestKey(entry: LibraryEntry): [number, string] {
  return [entry.paper.addedAt, entry.paper.published ?? '']
}

/**
 * Sort keys, most significant first, all "bigger comes first"; ties end on the paper id
 * (ascending), so every replica shows the same order.
 */
function sortKey(entry: LibraryEntry, sort: LibrarySort, now: number): (number | string)[] {
  if (sort === 'hot') {
    const { votes, comments, annotations } = entry.times
    return [
      hotScore({ added: entry.paper.addedAt, votes, comments, annotations }, now),
      ...newestKey(entry),
    ]
  }
  if (sort === 'votes') return [entry.voters.length, ...newestKey(entry)]
  if (sort === 'discussed') {
    const latest = Math.max(0, ...Object.values(entry.lastActivity))
    return [entry.commentCount + entry.annotationCount, latest, ...newestKey(entry)]
  }
  return newestKey(entry)
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number | string
    const y = b[i] as number | string
    if (x !== y) return x > y ? -1 : 1
  }
  return 0
}

/**
 * The entries in the chosen order, as a new array. Keys are read once per entry; the hot order
 * is as of `now`.
 */
export function sortEntries<T extends LibraryEntry>(
  entries: readonly T[],
  sort: LibrarySort,
  now = Date.now(),
): T[] {
  // Keys are read from the plain entries (a library of 2,000 papers sorts several times faster
  // than through the store), and the sorted list holds the entries given, so that the feed keeps
  // each card and updates it in place.
  const plain = plainValue(entries)
  const order = plain
    .map((entry, at) => ({ at, key: sortKey(entry, sort, now), id: entry.paper.id }))
    .sort((a, b) => compareKeys(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return untrack(() => order.map(({ at }) => entries[at] as T))
}

/** Papers in order, with their ids apart so that filtering reads no entry it drops. */
export interface SortedLibrary<T extends LibraryEntry> {
  entries: T[]
  ids: string[]
}

/** The entries in the chosen order, with their ids. */
export function sortLibrary<T extends LibraryEntry>(
  entries: readonly T[],
  sort: LibrarySort,
): SortedLibrary<T> {
  const sorted = sortEntries(entries, sort)
  return { entries: sorted, ids: sorted.map((entry) => entry.paper.id) }
}

/**
 * The sorted papers that the query keeps, in order. `textMatches` holds the ids the search
 * index found for `query.text` (undefined when there is no text to search for).
 */
export function filterSorted<T extends LibraryEntry>(
  sorted: SortedLibrary<T>,
  query: LibraryQuery,
  context: { memberId: string | undefined; textMatches: { has(id: string): boolean } | undefined },
): T[] {
  const filters = query.tags.length > 0 || query.status !== 'any'
  const kept: T[] = []
  sorted.ids.forEach((id, i) => {
    if (context.textMatches && !context.textMatches.has(id)) return
    const entry = sorted.entries[i] as T
    if (!filters || matchesFilters(entry, query, context.memberId)) kept.push(entry)
  })
  return kept
}

/** The papers the query asks for, in its order (see {@link filterSorted}). */
export function queryLibrary<T extends LibraryEntry>(
  entries: readonly T[],
  query: LibraryQuery,
  context: { memberId: string | undefined; textMatches: { has(id: string): boolean } | undefined },
): T[] {
  return filterSorted(sortLibrary(entries, query.sort), query, context)
}

/** Every tag of the library with how many papers carry it, most used first. */
export function tagCounts(entries: readonly LibraryEntry[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const entry of plainValue(entries)) {
    for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
}
