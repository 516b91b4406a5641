import { describe, expect, it } from 'vitest'
import {
  searchNaive,
  toSearchDocuments,
  type SearchDocument,
} from '../../client/data/library-search-index'
import { syncedIndex } from '../../client/data/library-search-sync'
import { addPaper, listPapers } from '../../shared/model'
import { ADA, groupDoc, paperInput } from '../fixtures/group'

function doc(id: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return { id, title: '', authors: '', abstract: '', ids: '', comments: '', ...fields }
}

const built = (documents: SearchDocument[]) => {
  const index = syncedIndex()
  index.update(documents)
  expect(index.build(() => true)).toBe(true)
  return index
}

const found = (hits: ReadonlyMap<string, unknown> | undefined) => [...(hits?.keys() ?? [])].sort()

const library = [
  doc('attention', { title: 'Attention Is All You Need', authors: 'Ashish Vaswani, Noam Shazeer' }),
  doc('kv', {
    title: 'Discrete Key-Value Bottleneck',
    authors: 'Frederik Träuble',
    abstract: 'Continual learning with a bottleneck of discrete keys.',
    ids: '2207.11240',
  }),
  doc('ssm', { title: 'Mamba', comments: 'The selective scan kernel is the clever part.' }),
  doc('old', { title: 'Monopoles', ids: 'hep-th/9901001' }),
]

describe('syncedIndex search', () => {
  it('finds words as prefixes, with typos, without accents, across fields', () => {
    const index = built(library)
    expect(found(index.search('atten'))).toEqual(['attention'])
    expect(found(index.search('bottlenekc'))).toEqual(['kv'])
    expect(found(index.search('trauble'))).toEqual(['kv'])
    expect(found(index.search('2207.11240'))).toEqual(['kv'])
    expect(found(index.search('selective kernel'))).toEqual(['ssm'])
    expect(found(index.search('selective attention'))).toEqual([])
  })

  it('finds a paper by its arXiv id with a version or a prefix, which stored ids never have', () => {
    const index = built(library)
    for (const text of [
      '2207.11240v2',
      'arXiv:2207.11240v13',
      'ARXIV:2207.11240',
      'key 2207.11240v1',
    ])
      expect(found(index.search(text)), text).toEqual(['kv'])
    expect(found(index.search('hep-th/9901001v3'))).toEqual(['old'])
    expect(found(searchNaive(library, '2207.11240v2'))).toEqual(['kv'])
    // Only a whole id loses its version: other words ending in v and digits stay as typed.
    expect(found(index.search('2207v2'))).toEqual([])
  })

  it('looks for a word with a typo only when nothing matches it as typed', () => {
    const index = built([
      doc('model', { title: 'A world model for robots' }),
      doc('modal', { title: 'Multi-modal pretraining' }),
    ])
    expect(found(index.search('model'))).toEqual(['model'])
    expect(found(index.search('modl'))).toEqual(['modal', 'model'])
    expect(found(index.search('modl robots'))).toEqual(['model'])
  })

  it('says when only the discussion matched', () => {
    const index = built(library)
    expect(index.search('clever')?.get('ssm')).toEqual({ inDiscussionOnly: true })
    expect(index.search('mamba')?.get('ssm')).toEqual({ inDiscussionOnly: false })
  })

  it('returns undefined for a text with no word in it', () => {
    const index = built(library)
    expect(index.search('')).toBeUndefined()
    expect(index.search('  ?! ')).toBeUndefined()
  })

  it('scans the documents until the index is built', () => {
    const index = syncedIndex()
    index.update(library)
    expect(index.ready).toBe(false)
    expect(found(index.search('clever'))).toEqual(['ssm'])
    let slices = 0
    while (!index.build(() => slices++ % 2 === 0));
    expect(index.ready).toBe(true)
    expect(found(index.search('clever'))).toEqual(['ssm'])
  })
})

describe('syncedIndex update', () => {
  it('follows changed, added and removed documents one by one', () => {
    const index = built(library)
    expect(index.update(library.map((d) => ({ ...d })))).toBe(false)
    // Searched before each change, so a search that remembered old answers would fail below.
    expect(found(index.search('positional'))).toEqual([])
    expect(found(index.search('mamba'))).toEqual(['ssm'])

    const commented = library.map((d) =>
      d.id === 'attention' ? { ...d, comments: 'Positional encodings deserve a session' } : d,
    )
    expect(index.update(commented)).toBe(true)
    expect(index.ready).toBe(true)
    expect(found(index.search('positional'))).toEqual(['attention'])

    const changed = [
      ...commented.filter((d) => d.id !== 'ssm'),
      doc('new', { title: 'Positional tricks' }),
    ]
    expect(index.update(changed)).toBe(true)
    expect(index.ready).toBe(false)
    index.build(() => true)
    expect(found(index.search('positional'))).toEqual(['attention', 'new'])
    expect(found(index.search('mamba'))).toEqual([])
  })
})

describe('syncedIndex patch', () => {
  it('replaces only the documents given, indexed or still pending', () => {
    const index = syncedIndex()
    index.update(library)
    index.build(() => false)
    expect(index.patch([{ ...library[2]!, comments: 'A patched note' }])).toBe(true)
    expect(index.patch([{ ...library[2]!, comments: 'A patched note' }])).toBe(false)
    expect(found(index.search('patched'))).toEqual(['ssm'])
    index.build(() => true)
    expect(found(index.search('patched'))).toEqual(['ssm'])
    index.patch([{ ...library[0]!, comments: 'Patched again' }])
    expect(found(index.search('patched'))).toEqual(['attention', 'ssm'])
    expect(found(index.search('mamba'))).toEqual(['ssm'])
  })
})

describe('searchNaive', () => {
  it('needs every word somewhere in the fields', () => {
    expect(found(searchNaive(library, 'vaswani attention'))).toEqual(['attention'])
    expect(found(searchNaive(library, 'vaswani mamba'))).toEqual([])
    expect(searchNaive(library, '')).toBeUndefined()
  })
})

describe('toSearchDocuments', () => {
  it('flattens papers with what was written on them', () => {
    const group = groupDoc()
    const { paper } = addPaper(
      group,
      ADA,
      paperInput({ arxivId: '2207.11240', doi: '10.1234/abc' }),
    )
    const [document] = toSearchDocuments(listPapers(group), new Map([[paper.id, 'a note']]))
    expect(document).toEqual({
      id: paper.id,
      title: paper.title,
      authors: 'Frederik Träuble, Anirudh Goyal',
      abstract: paper.abstract,
      ids: '2207.11240 10.1234/abc',
      comments: 'a note',
    })
  })
})
