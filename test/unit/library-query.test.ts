import { describe, expect, it } from 'vitest'
import type { LibraryEntry, ReadingStatus } from '../../shared/model'
import {
  filterSorted,
  isFiltered,
  matchesFilters,
  queryLibrary,
  sortEntries,
  sortLibrary,
  tagCounts,
  emptyQuery,
  type LibraryQuery,
} from '../../client/data/library-query'
import { parseQuery } from '../../client/data/library-query-state'
import { libraryEntry, storedPaper } from '../fixtures/library'

function entry(
  id: string,
  fields: Partial<Omit<LibraryEntry, 'paper'>> & { addedAt?: number } = {},
) {
  const { addedAt = 1000, ...rest } = fields
  return libraryEntry(storedPaper({ id, title: `Paper ${id}`, addedAt }), rest)
}

const ids = (entries: LibraryEntry[]) => entries.map((e) => e.paper.id)
const query = (fields: Partial<LibraryQuery>): LibraryQuery => ({ ...emptyQuery(), ...fields })

describe('sortEntries', () => {
  const entries = [
    entry('b', { addedAt: 10, voters: ['x'], commentCount: 1, annotationCount: 1 }),
    entry('a', { addedAt: 10, voters: ['x'], commentCount: 2, lastActivity: { x: 5 } }),
    entry('c', { addedAt: 30 }),
    entry('d', { addedAt: 20, voters: ['x', 'y'], commentCount: 1, lastActivity: { x: 9 } }),
  ]

  it('puts the newest first and breaks ties by paper id', () => {
    expect(ids(sortEntries(entries, 'newest'))).toEqual(['c', 'd', 'a', 'b'])
  })

  it('orders by votes, then newest, then id', () => {
    expect(ids(sortEntries(entries, 'votes'))).toEqual(['d', 'a', 'b', 'c'])
  })

  it('orders by comments plus annotations, then the latest activity', () => {
    // a and b both have two; a was discussed more recently.
    expect(ids(sortEntries(entries, 'discussed'))).toEqual(['a', 'b', 'd', 'c'])
  })

  it('puts what the group is busy with now first when hot, an old paper discussed today included', () => {
    const day = 24 * 3600_000
    const now = 100 * day
    const hot = [
      // Old, but three votes and a comment today.
      entry('old-busy', {
        addedAt: now - 60 * day,
        voters: ['x', 'y', 'z'],
        times: { votes: [now, now, now], comments: [now], annotations: [] },
      }),
      // Just added, nothing else.
      entry('new-quiet', { addedAt: now }),
      // Many votes, all a month ago.
      entry('old-votes', {
        addedAt: now - 40 * day,
        times: { votes: Array(8).fill(now - 30 * day), comments: [], annotations: [] },
      }),
    ]
    expect(ids(sortEntries(hot, 'hot', now))).toEqual(['old-busy', 'new-quiet', 'old-votes'])
  })

  it('gives the same order whatever order the entries come in', () => {
    const reversed = [...entries].reverse()
    for (const sort of ['newest', 'hot', 'votes', 'discussed'] as const) {
      expect(ids(sortEntries(reversed, sort))).toEqual(ids(sortEntries(entries, sort)))
    }
  })
})

describe('matchesFilters', () => {
  const tagged = entry('t', { tags: ['rl', 'vision'], status: { ada: 'reading' } })

  it('keeps papers with all the chosen tags, or any of them', () => {
    expect(matchesFilters(tagged, query({ tags: ['rl', 'nlp'] }), 'ada')).toBe(false)
    expect(matchesFilters(tagged, query({ tags: ['rl', 'vision'] }), 'ada')).toBe(true)
    expect(matchesFilters(tagged, query({ tags: ['rl', 'nlp'], tagMode: 'any' }), 'ada')).toBe(true)
    expect(matchesFilters(tagged, query({ tags: ['nlp'], tagMode: 'any' }), 'ada')).toBe(false)
  })

  it('filters by the reader’s own status, "none" meaning not set', () => {
    const by = (status: ReadingStatus | 'none' | 'any', member: string | undefined) =>
      matchesFilters(tagged, query({ status }), member)
    expect(by('reading', 'ada')).toBe(true)
    expect(by('read', 'ada')).toBe(false)
    expect(by('none', 'ada')).toBe(false)
    expect(by('none', 'ben')).toBe(true)
    expect(by('reading', undefined)).toBe(false)
    expect(by('any', undefined)).toBe(true)
  })
})

describe('queryLibrary', () => {
  it('keeps what the text search found and passes the filters, in the chosen order', () => {
    const entries = [
      entry('a', { addedAt: 1, tags: ['rl'] }),
      entry('b', { addedAt: 2, tags: ['rl'] }),
      entry('c', { addedAt: 3 }),
    ]
    const found = new Set(['a', 'b', 'c'])
    expect(
      ids(queryLibrary(entries, query({ tags: ['rl'] }), { memberId: 'ada', textMatches: found })),
    ).toEqual(['b', 'a'])
    expect(
      ids(queryLibrary(entries, query({}), { memberId: 'ada', textMatches: new Set(['a', 'c']) })),
    ).toEqual(['c', 'a'])
    expect(
      ids(queryLibrary(entries, query({}), { memberId: 'ada', textMatches: undefined })),
    ).toEqual(['c', 'b', 'a'])
  })
})

describe('filterSorted', () => {
  it('filters a sorted library without sorting it again', () => {
    const entries = [entry('a', { addedAt: 1, tags: ['rl'] }), entry('b', { addedAt: 2 })]
    const sorted = sortLibrary(entries, 'newest')
    expect(sorted.ids).toEqual(['b', 'a'])
    const context = { memberId: 'ada', textMatches: undefined }
    expect(ids(filterSorted(sorted, query({}), context))).toEqual(['b', 'a'])
    expect(ids(filterSorted(sorted, query({ tags: ['rl'] }), context))).toEqual(['a'])
    const found = { memberId: 'ada', textMatches: new Set(['b']) }
    expect(ids(filterSorted(sorted, query({ text: 'x' }), found))).toEqual(['b'])
  })
})

describe('tagCounts', () => {
  it('counts papers per tag, most used first, then alphabetically', () => {
    const entries = [
      entry('a', { tags: ['rl', 'vision'] }),
      entry('b', { tags: ['vision', 'agents'] }),
    ]
    expect(tagCounts(entries)).toEqual([
      { tag: 'vision', count: 2 },
      { tag: 'agents', count: 1 },
      { tag: 'rl', count: 1 },
    ])
  })
})

describe('isFiltered and parseQuery', () => {
  it('treats the sort alone as no filter', () => {
    expect(isFiltered(query({ sort: 'votes' }))).toBe(false)
    expect(isFiltered(query({ text: '  ' }))).toBe(false)
    expect(isFiltered(query({ text: 'x' }))).toBe(true)
    expect(isFiltered(query({ status: 'none' }))).toBe(true)
  })

  it('restores a stored query, dropping what is not a valid value', () => {
    const stored = {
      text: 'diffusion',
      sort: 'votes',
      tags: ['rl', 7],
      tagMode: 'any',
      status: 'read',
    }
    expect(parseQuery(stored)).toEqual({
      text: 'diffusion',
      sort: 'votes',
      tags: ['rl'],
      tagMode: 'any',
      status: 'read',
    })
    expect(parseQuery({ sort: 'alphabetical', status: 'skimmed', tagMode: 'some' })).toEqual(
      emptyQuery(),
    )
    expect(parseQuery('garbage')).toEqual(emptyQuery())
  })
})
