import { describe, expect, it } from 'vitest'
import { finishPapers } from '../../../shared/importers/finish-papers'
import type { PaperInput } from '../../../shared/model'
import { importPapers } from '../../../shared/model'
import { ADA, groupDoc } from '../../fixtures/group'

const paper = (overrides: Partial<PaperInput> = {}): PaperInput => ({
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani'],
  abstract: 'The dominant sequence transduction models.',
  source: 'bibtex',
  ...overrides,
})

function finishOne(input: PaperInput) {
  return finishPapers({ papers: [{ at: 'line 3', paper: input }], skipped: [] })
}

describe('finishPapers', () => {
  it('returns a valid paper as it is', () => {
    const input = paper({
      arxivId: '1706.03762',
      doi: '10.5555/3295222.3295349',
      links: { abstract: 'https://arxiv.org/abs/1706.03762' },
      published: '2017-06-12',
    })
    expect(finishOne(input)).toEqual({ papers: [input], skipped: [] })
  })

  it('turns control characters into spaces, keeping tabs and newlines in the abstract', () => {
    const [read] = finishOne(
      paper({
        title: 'A\u0000B\u0007C',
        authors: ['Ada\u001bLovelace'],
        abstract: 'x\ty\nz\u0085w',
      }),
    ).papers
    expect(read).toMatchObject({
      title: 'A B C',
      authors: ['Ada Lovelace'],
      abstract: 'x\ty\nz w',
    })
  })

  it('replaces unpaired surrogates and keeps paired ones', () => {
    const [read] = finishOne(paper({ title: 'a\uD800b \uDC00c 😀' })).papers
    expect(read?.title).toBe('a\uFFFDb \uFFFDc 😀')
  })

  it('normalizes doi: and resolver prefixes off DOIs', () => {
    const dois = [
      'doi:10.1234/abc',
      'DOI: 10.1234/abc',
      'https://doi.org/10.1234/abc',
      'http://dx.doi.org/10.1234/abc',
    ]
    for (const doi of dois) expect(finishOne(paper({ doi })).papers[0]?.doi).toBe('10.1234/abc')
  })

  it('gives a bare www. link a scheme', () => {
    const [read] = finishOne(
      paper({ links: { abstract: 'www.example.org/paper', pdf: 'WWW.x.org/a.pdf' } }),
    ).papers
    expect(read?.links).toEqual({
      abstract: 'https://www.example.org/paper',
      pdf: 'https://WWW.x.org/a.pdf',
    })
  })

  it('drops each optional field the model refuses and keeps the paper', () => {
    const [read] = finishOne(
      paper({
        authors: ['Ada', 'x'.repeat(301), '', 'Ben'],
        doi: 'not a doi',
        published: '2023-02-30',
        links: { abstract: 'javascript:alert(1)', pdf: 'https://example.org/a b.pdf' },
      }),
    ).papers
    expect(read).toEqual({
      title: 'Attention Is All You Need',
      authors: ['Ada', 'Ben'],
      abstract: 'The dominant sequence transduction models.',
      links: {},
      source: 'bibtex',
    })
  })

  it('shortens an abstract over the limit instead of dropping it', () => {
    const abstract = 'word '.repeat(5_000)
    const read = finishOne(paper({ abstract })).papers[0]
    expect(read?.abstract?.length).toBeLessThanOrEqual(20_000)
    expect(read?.abstract).toMatch(/^word word .* word…$/)
  })

  it('keeps the first 2000 of more authors', () => {
    const authors = Array.from({ length: 2_100 }, (_, i) => `Author ${i}`)
    expect(finishOne(paper({ authors })).papers[0]?.authors).toEqual(authors.slice(0, 2_000))
  })

  it('skips a paper whose title is refused, with the reason and where it was', () => {
    const result = finishPapers({
      papers: [
        { at: 'line 1', paper: paper({ title: 'T'.repeat(1_001) }) },
        { at: 'line 5', paper: paper({ title: '\u0000\u0001' }) },
        { at: 'line 9', paper: paper() },
      ],
      skipped: [{ at: 'line 0', excerpt: 'x', reason: 'earlier' }],
    })
    expect(result.papers).toEqual([paper()])
    expect(result.skipped).toEqual([
      { at: 'line 0', excerpt: 'x', reason: 'earlier' },
      {
        at: 'line 1',
        excerpt: `${'T'.repeat(79)}…`,
        reason: 'title is longer than 1000 characters',
      },
      { at: 'line 5', excerpt: '', reason: 'A paper needs a title or an arXiv id' },
    ])
  })

  it('returns only papers that importPapers accepts', () => {
    const { papers } = finishPapers({
      papers: [
        { at: 'a', paper: paper({ published: 'yesterday', doi: 'doi:10.1/x' }) },
        { at: 'b', paper: paper({ title: 'Other', abstract: '\u0000'.repeat(30_000) }) },
      ],
      skipped: [],
    })
    const outcome = importPapers(groupDoc(), ADA, papers)
    expect(outcome.added).toHaveLength(2)
  })
})
