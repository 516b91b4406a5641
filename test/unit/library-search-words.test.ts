import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type MiniSearch from 'minisearch'
import { newMiniSearch } from '../../client/data/library-search-index'
import {
  queryWords,
  type SearchDocument,
  type SearchHits,
} from '../../client/data/library-search-text'
import { wordSearch } from '../../client/data/library-search-words'

/**
 * The reference, with MiniSearch alone: every word required, the last as a prefix, each word
 * with a typo only when nothing matches it as typed.
 */
function searchReference(index: MiniSearch<SearchDocument>, text: string): SearchHits {
  const words = queryWords(text)
  const perWord = words.map((word, i) => {
    const prefix = i === words.length - 1
    const asTyped = index.search(word, { prefix, fuzzy: false })
    const results = asTyped.length > 0 ? asTyped : index.search(word, { prefix })
    const outside = (r: (typeof results)[number]) =>
      Object.values(r.match)
        .flat()
        .some((field) => field !== 'comments')
    return new Map(results.map((r) => [String(r.id), outside(r)]))
  })
  const hits = new Map<string, { inDiscussionOnly: boolean }>()
  for (const id of perWord[0]?.keys() ?? []) {
    if (perWord.every((matches) => matches.has(id))) {
      hits.set(id, { inDiscussionOnly: !perWord.some((matches) => matches.get(id)) })
    }
  }
  return hits
}

const VOCABULARY = [
  'attention',
  'attend',
  'atlas',
  'agent',
  'a',
  'reinforcement',
  'learning',
  'learned',
  'language',
  'model',
  'diffusion',
  'difusion',
  'Träuble',
  'graph',
  'library',
  'ra',
  '2207',
  '11240',
]

const text = fc
  .array(fc.constantFrom(...VOCABULARY), { maxLength: 8 })
  .map((words) => words.join(' '))

const documents = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    title: text,
    authors: text,
    abstract: text,
    ids: fc.constantFrom('', '2207.11240', '2401.00001'),
    comments: text,
  }),
  { selector: (document) => document.id, maxLength: 12 },
)

// A query as a member types it: whole words, or a word cut short, the last being typed.
const query = fc
  .array(
    fc
      .tuple(fc.constantFrom(...VOCABULARY, 'reinforcment', 'lang'), fc.nat(12))
      .map(([w, cut]) => w.slice(0, Math.max(1, w.length - cut))),
    { minLength: 1, maxLength: 4 },
  )
  .map((words) => words.join(' '))

function indexed(list: SearchDocument[]) {
  const index = newMiniSearch()
  index.addAll(list)
  return { index, words: wordSearch(index, () => list) }
}

describe('wordSearch', () => {
  it('finds what MiniSearch finds word by word, and where', () => {
    fc.assert(
      fc.property(documents, fc.array(query, { minLength: 1, maxLength: 6 }), (list, queries) => {
        const { index, words } = indexed(list)
        for (const typed of queries) {
          const expected = searchReference(index, typed)
          const actual = words.search(queryWords(typed))
          expect(new Map([...actual].sort()), typed).toEqual(new Map([...expected].sort()))
        }
      }),
      { numRuns: 300, seed: 20261127 },
    )
  })

  // As a member types: every keystroke of each query, so that a word is looked for among the
  // papers its beginning matched at the keystroke before, or with a typo after it matched none.
  it('finds what MiniSearch finds at every keystroke of a query', () => {
    fc.assert(
      fc.property(documents, fc.array(query, { minLength: 1, maxLength: 4 }), (list, queries) => {
        const { index, words } = indexed(list)
        for (const typed of queries) {
          for (let k = 1; k <= typed.length; k++) {
            const text = typed.slice(0, k)
            if (queryWords(text).length === 0) continue
            const expected = searchReference(index, text)
            const actual = words.search(queryWords(text))
            expect(new Map([...actual].sort()), text).toEqual(new Map([...expected].sort()))
          }
        }
      }),
      { numRuns: 200, seed: 20261128 },
    )
  })

  it('matches a one-letter word being typed only at the start of a word', () => {
    const list: SearchDocument[] = [
      {
        id: 'rl',
        title: 'Reinforcement learning',
        authors: '',
        abstract: '',
        ids: '',
        comments: '',
      },
      {
        id: 'agents',
        title: 'Reinforcement learning agents',
        authors: '',
        abstract: '',
        ids: '',
        comments: '',
      },
      {
        id: 'talk',
        title: 'Reinforcement learning',
        authors: '',
        abstract: '',
        ids: '',
        comments: 'An aside from the meeting',
      },
    ]
    const { words } = indexed(list)
    const hits = words.search(['reinforcement', 'learning', 'a'])
    expect([...hits.keys()].sort()).toEqual(['agents', 'talk'])
    expect(hits.get('talk')).toEqual({ inDiscussionOnly: false })
    expect(words.search(['a'])).toEqual(
      new Map([
        ['agents', { inDiscussionOnly: false }],
        ['talk', { inDiscussionOnly: true }],
      ]),
    )
  })

  it('forgives a typo in a word typed letter by letter once its letters match nothing', () => {
    const paper = (id: string, title: string): SearchDocument => ({
      id,
      title,
      authors: '',
      abstract: '',
      ids: '',
      comments: '',
    })
    const { words } = indexed([paper('policy', 'Policy gradients'), paper('polar', 'Polar codes')])
    const found = (typed: string) => [...words.search(queryWords(typed)).keys()].sort()
    expect(found('pol')).toEqual(['polar', 'policy'])
    expect(found('poli')).toEqual(['policy'])
    expect(found('polc')).toEqual([])
    expect(found('polcy')).toEqual(['policy'])
    expect(found('polcy gradient')).toEqual(['policy'])
    expect(found('polcy codes')).toEqual([])
  })

  it('forgets what it found when told the documents changed', () => {
    const list: SearchDocument[] = [
      { id: 'p', title: 'Mamba', authors: '', abstract: '', ids: '', comments: '' },
    ]
    const { index, words } = indexed(list)
    expect(words.search(['zebra']).size).toBe(0)
    const changed = { ...list[0]!, comments: 'zebra crossing' }
    index.replace(changed)
    list[0] = changed
    expect(words.search(['zebra']).size).toBe(0)
    words.clear()
    expect(words.search(['zebra'])).toEqual(new Map([['p', { inDiscussionOnly: true }]]))
  })
})
