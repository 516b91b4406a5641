import { createEffect } from 'solid-js'
import { createStore, type SetStoreFunction } from 'solid-js/store'
import { READING_STATUSES } from '../../shared/model'
import { LIBRARY_SORTS, emptyQuery, type LibraryQuery } from './library-query'

/** The feed's query, kept for the tab's session so that it survives opening a paper and back. */
export interface LibraryQueryState {
  readonly query: LibraryQuery
  readonly set: SetStoreFunction<LibraryQuery>
  /** Adds the tag to the filter, or takes it out. */
  toggleTag(tag: string): void
  /** Drops the text, tags and status filters; keeps the order. */
  clearFilters(): void
}

const queryKey = (groupId: string) => `margins-library-query-${groupId}`
const openedKey = (groupId: string) => `margins-library-opened-${groupId}`

function stored(key: string): unknown {
  try {
    const text = sessionStorage.getItem(key)
    return text === null ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

function store(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key)
    else sessionStorage.setItem(key, value)
  } catch {
    // Private modes may refuse storage: the query then lasts as long as the page.
  }
}

/** The stored query, each field checked, falling back to the default for what is off. */
export function parseQuery(value: unknown): LibraryQuery {
  const query = emptyQuery()
  if (typeof value !== 'object' || value === null) return query
  const v = value as Record<string, unknown>
  if (typeof v.text === 'string') query.text = v.text.slice(0, 500)
  if (LIBRARY_SORTS.some((s) => s.value === v.sort)) query.sort = v.sort as LibraryQuery['sort']
  if (Array.isArray(v.tags)) query.tags = v.tags.filter((t) => typeof t === 'string').slice(0, 50)
  if (v.tagMode === 'any' || v.tagMode === 'all') query.tagMode = v.tagMode
  const statuses: unknown[] = ['any', 'none', ...READING_STATUSES]
  if (statuses.includes(v.status)) query.status = v.status as LibraryQuery['status']
  return query
}

/** The feed's query for one group, restored from and saved to this tab's session storage. */
export function createLibraryQuery(groupId: string): LibraryQueryState {
  const [query, set] = createStore(parseQuery(stored(queryKey(groupId))))
  createEffect(() => store(queryKey(groupId), JSON.stringify(query)))
  return {
    query,
    set,
    toggleTag: (tag) =>
      set('tags', (tags) => (tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag])),
    clearFilters: () => set({ text: '', tags: [], status: 'any' }),
  }
}

/**
 * Sets the group's stored feed query to show only papers with `tag` (its order kept), for a link
 * from elsewhere into the library; the feed reads it when it next opens.
 */
export function filterLibraryByTag(groupId: string, tag: string): void {
  const query = parseQuery(stored(queryKey(groupId)))
  store(queryKey(groupId), JSON.stringify({ ...query, text: '', tags: [tag], status: 'any' }))
}

/** Remembers the paper opened from the feed, to bring the reader back to it. */
export function rememberOpened(groupId: string, paperId: string): void {
  store(openedKey(groupId), JSON.stringify(paperId))
}

/** The paper last opened from the feed, once: the next call returns undefined. */
export function takeOpened(groupId: string): string | undefined {
  const value = stored(openedKey(groupId))
  store(openedKey(groupId), undefined)
  return typeof value === 'string' ? value : undefined
}
