import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  NotFoundError,
  NotInitializedError,
  ValidationError,
  addPaper,
  completePaper,
  getPaper,
  importPapers,
  listPapers,
  paperIdFor,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../../fixtures/group'

describe('addPaper', () => {
  it('stores a paper under a hash of its normalized title when it has no arXiv id', () => {
    const doc = groupDoc()
    const { paper, duplicateOf } = addPaper(doc, ADA, paperInput())
    expect(duplicateOf).toBeUndefined()
    expect(paper.id).toMatch(/^h:[0-9a-f]{20}$/)
    expect(paper.id).toBe(paperIdFor(undefined, 'discrete key value BOTTLENECK!'))
    expect(getPaper(doc, paper.id)).toEqual({
      id: paper.id,
      title: 'Discrete Key-Value Bottleneck',
      authors: ['Frederik Träuble', 'Anirudh Goyal'],
      abstract: paperInput().abstract,
      links: {},
      source: 'manual',
      addedBy: 'ada',
      addedAt: ADA.now,
      needsMetadata: false,
    })
  })

  it('keys an arXiv paper by its id without version and fills in its links', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput({ arxivId: 'arXiv:2207.11240v3' }))
    expect(paper.id).toBe('2207.11240')
    expect(paper.arxivId).toBe('2207.11240')
    expect(paper.links).toEqual({
      abstract: 'https://arxiv.org/abs/2207.11240',
      pdf: 'https://arxiv.org/pdf/2207.11240',
    })
  })

  it('accepts an old-style arXiv id alone and marks the paper as needing metadata', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, { arxivId: 'hep-th/9901001v2', source: 'arxiv' })
    expect(paper).toMatchObject({
      id: 'hep-th/9901001',
      title: 'arXiv:hep-th/9901001',
      needsMetadata: true,
    })
  })

  it('keeps a publication date at the precision the source gave', () => {
    const doc = groupDoc()
    const dates = ['2024', '2024-02', '2024-02-29', '2024-11-22T18:44:04Z']
    const added = importPapers(
      doc,
      ADA,
      dates.map((published, i) => paperInput({ title: `Paper ${i}`, published })),
    ).added
    expect(added.map((p) => p.published)).toEqual(dates)
  })

  it('cleans whitespace in titles and keeps paragraphs in abstracts', () => {
    const doc = groupDoc()
    const { paper } = addPaper(
      doc,
      ADA,
      paperInput({ title: '  A \n title\twith   gaps ', abstract: ' One.\n\nTwo. ' }),
    )
    expect(paper.title).toBe('A title with gaps')
    expect(paper.abstract).toBe('One.\n\nTwo.')
  })

  it.each([
    ['empty title', paperInput({ title: '   ' }), 'title'],
    ['no title and no id', { source: 'manual' as const }, 'title'],
    ['bad arXiv id', paperInput({ arxivId: '1234' }), 'arxivId'],
    ['javascript link', paperInput({ links: { pdf: 'javascript:alert(1)' } }), 'links.pdf'],
    ['bad date', paperInput({ published: '2024-13-45' }), 'published'],
    ['day the month lacks', paperInput({ published: '2024-02-30' }), 'published'],
    ['bad doi', paperInput({ doi: 'doi:xyz' }), 'doi'],
    ['authors not a list', paperInput({ authors: 'Ada' as unknown as string[] }), 'authors'],
    ['control character', paperInput({ title: 'Bell\u0007' }), 'title'],
    ['unknown source', paperInput({ source: 'web' as 'manual' }), 'source'],
    ['title too long', paperInput({ title: 'x'.repeat(1001) }), 'title'],
  ])('refuses %s with a ValidationError and writes nothing', (_name, input, field) => {
    const doc = groupDoc()
    const before = Y.encodeStateVector(doc)
    const error = (() => {
      try {
        addPaper(doc, ADA, input)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe(field)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(listPapers(doc)).toEqual([])
  })

  it('refuses writes from someone who is not a member, and on an empty document', () => {
    expect(() => addPaper(groupDoc(), { memberId: 'eve' }, paperInput())).toThrow(NotFoundError)
    expect(() => addPaper(new Y.Doc(), ADA, paperInput())).toThrow(NotInitializedError)
  })
})

describe('importPapers', () => {
  it('dedupes by arXiv id across versions and by normalized title, saying which', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ arxivId: '2401.12345v1', title: 'First' }))
    addPaper(doc, ADA, paperInput({ title: 'TÜLU 3: Pushing Frontiers' }))
    const outcome = importPapers(doc, BEN, [
      paperInput({ arxivId: '2401.12345v2', title: 'First, renamed' }),
      paperInput({ title: 'tulu 3 - pushing frontiers' }),
      paperInput({ title: 'Brand new' }),
      paperInput({ title: 'Brand  NEW' }),
    ])
    expect(outcome.added.map((p) => p.title)).toEqual(['Brand new'])
    expect(outcome.duplicates.map((d) => [d.existingId, d.reason])).toEqual([
      ['2401.12345', 'arxiv-id'],
      [paperIdFor(undefined, 'TÜLU 3: Pushing Frontiers'), 'title'],
      [paperIdFor(undefined, 'Brand new'), 'title'],
    ])
    expect(listPapers(doc)).toHaveLength(3)
    expect(getPaper(doc, '2401.12345')?.title).toBe('First')
  })

  it('does not merge two papers that share a title but have different arXiv ids', () => {
    const doc = groupDoc()
    const outcome = importPapers(doc, ADA, [
      paperInput({ title: 'Survey', arxivId: '2301.00001' }),
      paperInput({ title: 'Survey', arxivId: '2302.00002' }),
    ])
    expect(outcome.added.map((p) => p.id)).toEqual(['2301.00001', '2302.00002'])
  })

  it('fills in what an existing paper lacks from a duplicate, never overwriting', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, { arxivId: '2401.12345', source: 'arxiv' })
    addPaper(doc, ADA, paperInput({ title: 'Known', abstract: 'Kept.', authors: [] }))
    const outcome = importPapers(doc, BEN, [
      paperInput({
        arxivId: '2401.12345',
        title: 'Filled',
        abstract: 'Abstract.',
        published: '2024-01-20',
      }),
      paperInput({
        title: 'Known',
        abstract: 'Replaced?',
        authors: ['Ada Lovelace'],
        doi: '10.1000/x',
      }),
    ])
    expect(outcome.enriched).toHaveLength(2)
    expect(getPaper(doc, '2401.12345')).toMatchObject({
      title: 'Filled',
      abstract: 'Abstract.',
      published: '2024-01-20',
      needsMetadata: false,
    })
    expect(getPaper(doc, paperIdFor(undefined, 'Known'))).toMatchObject({
      abstract: 'Kept.',
      authors: ['Ada Lovelace'],
      doi: '10.1000/x',
    })
  })

  it('writes nothing when one input of many is bad, and names it', () => {
    const doc = groupDoc()
    expect(() =>
      importPapers(doc, ADA, [paperInput({ title: 'Good' }), paperInput({ title: '' })]),
    ).toThrow(expect.objectContaining({ field: 'inputs[1].title' }))
    expect(listPapers(doc)).toEqual([])
  })

  it('is one transaction, so other replicas see the import at once', () => {
    const doc = groupDoc()
    let updates = 0
    doc.on('update', () => updates++)
    importPapers(doc, ADA, [paperInput({ title: 'A' }), paperInput({ title: 'B' })])
    expect(updates).toBe(1)
  })

  it('keeps the order of one import in the newest-first library', () => {
    const doc = groupDoc()
    importPapers(
      doc,
      ADA,
      ['First', 'Second', 'Third'].map((title) => paperInput({ title })),
    )
    expect(listPapers(doc).map((p) => p.title)).toEqual(['First', 'Second', 'Third'])
  })

  it('lists the newest papers first', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ title: 'Older' }))
    addPaper(doc, BEN, paperInput({ title: 'Newer' }))
    expect(listPapers(doc).map((p) => p.title)).toEqual(['Newer', 'Older'])
  })
})

describe('completePaper', () => {
  it('fills in a paper added by id alone', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, { arxivId: '2401.12345', source: 'arxiv' })
    const paper = completePaper(doc, BEN, '2401.12345', {
      arxivId: '2401.12345v3',
      title: 'Real title',
      authors: ['A. Author'],
      source: 'atom',
    })
    expect(paper).toMatchObject({
      title: 'Real title',
      authors: ['A. Author'],
      needsMetadata: false,
    })
    expect(getPaper(doc, '2401.12345')?.source).toBe('arxiv')
  })

  it('refuses metadata of another paper and unknown papers', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, { arxivId: '2401.12345', source: 'arxiv' })
    expect(() =>
      completePaper(doc, ADA, '2401.12345', { arxivId: '2401.99999', title: 'X', source: 'atom' }),
    ).toThrow(ValidationError)
    expect(() => completePaper(doc, ADA, 'nope', { title: 'X', source: 'atom' })).toThrow(
      NotFoundError,
    )
  })
})
