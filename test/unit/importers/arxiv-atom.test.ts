import { describe, expect, it } from 'vitest'
import { importArxivAtom } from '../../../shared/importers/arxiv-atom'
import { ValidationError } from '../../../shared/model/errors'
import { atomEntry, atomErrorEntry, atomFeed } from '../../fixtures/importers/atom'

describe('importArxivAtom', () => {
  it('maps an entry of an arXiv API response', () => {
    const result = importArxivAtom(atomFeed([atomEntry({ doi: '10.48550/arXiv.2411.15124' })]))
    expect(result.skipped).toEqual([])
    expect(result.papers).toEqual([
      {
        title: 'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training',
        authors: ['Nathan Lambert', 'Jacob Morrison', 'Valentina Pyatkin'],
        abstract:
          'Language model post-training is applied to refine behaviors and unlock new skills across a wide range of recent language models.',
        arxivId: '2411.15124',
        doi: '10.48550/arXiv.2411.15124',
        links: {
          abstract: 'http://arxiv.org/abs/2411.15124v2',
          pdf: 'http://arxiv.org/pdf/2411.15124v2',
        },
        published: '2024-11-22T18:44:04Z',
        source: 'atom',
      },
    ])
  })

  it('reads old-style ids and a single author as a list', () => {
    const entry = atomEntry({
      id: 'http://arxiv.org/abs/hep-th/9901001v1',
      authors: ['Edward Witten'],
    })
    const [paper] = importArxivAtom(atomFeed([entry])).papers
    expect(paper?.arxivId).toBe('hep-th/9901001')
    expect(paper?.authors).toEqual(['Edward Witten'])
  })

  it("falls back to arXiv's links and to the updated date when the feed lacks them", () => {
    const entry = atomEntry({ abstractLink: undefined, pdfLink: undefined, published: undefined })
    const [paper] = importArxivAtom(atomFeed([entry])).papers
    expect(paper?.links).toEqual({
      abstract: 'https://arxiv.org/abs/2411.15124',
      pdf: 'https://arxiv.org/pdf/2411.15124',
    })
    expect(paper?.published).toBe('2024-12-06T18:55:40Z')
  })

  it('decodes XML entities in the text', () => {
    const entry = atomEntry({ title: 'Sparse &amp; Dense: &lt;Retrieval&gt;' })
    expect(importArxivAtom(atomFeed([entry])).papers[0]?.title).toBe('Sparse & Dense: <Retrieval>')
  })

  it('skips the error entry arXiv sends for a bad id, with its message, and keeps the rest', () => {
    const result = importArxivAtom(atomFeed([atomErrorEntry('1234.12345'), atomEntry()]))
    expect(result.papers.map((paper) => paper.arxivId)).toEqual(['2411.15124'])
    expect(result.skipped).toEqual([
      {
        at: 'entry 1',
        excerpt: 'http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345',
        reason: 'arXiv API error: incorrect id format for 1234.12345',
      },
    ])
  })

  it('skips an entry with neither title nor arXiv id', () => {
    const entry = atomEntry({ id: 'urn:uuid:60a76c80', title: undefined })
    const result = importArxivAtom(atomFeed([entry]))
    expect(result.papers).toEqual([])
    expect(result.skipped[0]).toMatchObject({ at: 'entry 1', reason: 'no title and no arXiv id' })
  })

  it('accepts a BOM and blank lines before the XML declaration, as pasted text has', () => {
    expect(importArxivAtom(`\uFEFF\n\n${atomFeed()}`).papers).toHaveLength(1)
  })

  it('gives no papers for a feed with no entries', () => {
    expect(importArxivAtom(atomFeed([]))).toEqual({ papers: [], skipped: [] })
  })

  it('throws a ValidationError for XML that is not well-formed', () => {
    const broken = atomFeed().replace('</entry>', '')
    expect(() => importArxivAtom(broken)).toThrow(ValidationError)
    expect(() => importArxivAtom(broken)).toThrow(/not well-formed XML \(line \d+, column \d+\)/)
    expect(() => importArxivAtom('not xml at all')).toThrow(ValidationError)
  })

  it('throws a ValidationError for XML that is not Atom', () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    expect(() => importArxivAtom(rss)).toThrow(
      new ValidationError('text', 'This XML is not an Atom feed: its root element is <rss>'),
    )
  })

  it('drops a malformed date, a bad DOI and a link that is not http, and keeps the entry', () => {
    const entry = atomEntry({
      published: '22 Nov 2024',
      updated: undefined,
      doi: 'not-a-doi',
      abstractLink: 'javascript:alert(1)',
    })
    const [paper] = importArxivAtom(atomFeed([entry])).papers
    expect(paper?.arxivId).toBe('2411.15124')
    expect(paper).not.toHaveProperty('published')
    expect(paper).not.toHaveProperty('doi')
    expect(paper?.links).toEqual({ pdf: 'http://arxiv.org/pdf/2411.15124v2' })
  })

  it('takes a doi: prefix off the DOI', () => {
    const [paper] = importArxivAtom(atomFeed([atomEntry({ doi: 'doi:10.1145/3442188' })])).papers
    expect(paper?.doi).toBe('10.1145/3442188')
  })

  it.each([
    ['a malformed processing instruction', '<?xml"?><feed/>'],
    ['elements nested too deep', `<feed>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</feed>`],
  ])('throws a ValidationError for %s', (_name, text) => {
    expect(() => importArxivAtom(text)).toThrow(ValidationError)
    expect(() => importArxivAtom(text)).toThrow(/^This XML cannot be read/)
  })
})
