import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importBibtex } from '../../../shared/importers/bibtex'
import { ValidationError } from '../../../shared/model/errors'
import { bibEntry, bibFile } from '../../fixtures/importers/bibtex'

const SAMPLE = readFileSync(new URL('../../fixtures/importers/sample.bib', import.meta.url), 'utf8')

function only(text: string) {
  const result = importBibtex(text)
  expect(result.skipped).toEqual([])
  expect(result.papers).toHaveLength(1)
  return result.papers[0]
}

describe('importBibtex on a real-world-shaped file', () => {
  it('imports the good entries around a broken one, in order', () => {
    const titles = importBibtex(SAMPLE).papers.map((paper) => paper.title)
    expect(titles).toEqual([
      'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training',
      'Polyak-Łojasiewicz Conditions for Deep Networks',
      'Attention is All you Need',
      'Scaling laws for neural language models',
      'The Illustrated Transformer',
    ])
  })

  it('reports the broken entry and the entry without a title, with reasons', () => {
    expect(importBibtex(SAMPLE).skipped).toEqual([
      {
        at: 'broken2022 (line 30)',
        excerpt: '@article{broken2022, title = {This entry has an unclosed {brace, author = {Some…',
        reason: 'malformed entry: 2 unclosed braces ({)',
      },
      {
        at: 'untitled (line 51)',
        excerpt: '@book{untitled}',
        reason: 'no title and no arXiv id (@book)',
      },
    ])
  })

  it("maps arXiv's own export", () => {
    expect(importBibtex(SAMPLE).papers[0]).toEqual({
      title: 'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training',
      authors: ['Nathan Lambert', 'Jacob Morrison', 'Valentina Pyatkin'],
      arxivId: '2411.15124',
      links: {
        abstract: 'https://arxiv.org/abs/2411.15124',
        pdf: 'https://arxiv.org/pdf/2411.15124',
      },
      published: '2024',
      source: 'bibtex',
    })
  })

  it('decodes names: {Last}, First, accents, particles, suffixes and corporate authors', () => {
    expect(importBibtex(SAMPLE).papers[1]?.authors).toEqual([
      'Jörg Müller',
      'José García',
      'OpenAI',
      'Jean de la Fontaine',
      'Anna van der Berg Jr.',
    ])
  })

  it('decodes the abstract, keeps the DOI without its resolver and dates by month', () => {
    expect(importBibtex(SAMPLE).papers[1]).toMatchObject({
      abstract:
        'We show that naïvely combining models fails in \\approx half the cases, saving ~42% of compute à la carte.',
      doi: '10.5555/3648699.3648700',
      published: '2023-03',
    })
  })

  it("finds the arXiv id in Google Scholar's journal field", () => {
    expect(importBibtex(SAMPLE).papers[3]?.arxivId).toBe('2001.08361')
  })

  it('keeps a non-arXiv url as the abstract link and a full date', () => {
    expect(importBibtex(SAMPLE).papers[4]).toMatchObject({
      links: { abstract: 'https://jalammar.github.io/illustrated-transformer/' },
      published: '2018-06-27',
    })
  })
})

describe('importBibtex field rules', () => {
  it('takes the arXiv id from eprint with eprinttype, from an arXiv url, or from an arXiv DOI', () => {
    const file = bibFile(
      bibEntry('online', 'a', { title: '{A}', eprint: '{2401.12345}', eprinttype: '{arxiv}' }),
      bibEntry('misc', 'b', { title: '{B}', url: '{https://arxiv.org/abs/hep-th/9901001v2}' }),
      bibEntry('misc', 'c', { title: '{C}', doi: '{10.48550/arXiv.2310.06825}' }),
      bibEntry('misc', 'd', { title: '{D}', eprint: '{2401.12345}', archiveprefix: '{PubMed}' }),
    )
    expect(importBibtex(file).papers.map((paper) => paper.arxivId)).toEqual([
      '2401.12345',
      'hep-th/9901001',
      '2310.06825',
      undefined,
    ])
  })

  it('imports an entry with only an arXiv id, without title', () => {
    expect(
      only(bibEntry('misc', 'idonly', { eprint: '{2401.12345}', archivePrefix: '{arXiv}' })),
    ).toEqual({
      arxivId: '2401.12345',
      authors: [],
      links: {
        abstract: 'https://arxiv.org/abs/2401.12345',
        pdf: 'https://arxiv.org/pdf/2401.12345',
      },
      source: 'bibtex',
    })
  })

  it('expands @string macros and concatenations', () => {
    const file = bibFile(
      '@string{ml = "Machine Learning"}',
      bibEntry('article', 'x', { title: 'ml # " for Readers"' }),
    )
    expect(only(file)?.title).toBe('Machine Learning for Readers')
  })

  it('drops case-protecting braces and collapses line wrapping', () => {
    const entry = bibEntry('article', 'x', {
      title: '{{BERT}: Pre-training of Deep\n    Bidirectional {Transformers}}',
    })
    expect(only(entry)?.title).toBe('BERT: Pre-training of Deep Bidirectional Transformers')
  })

  it('keeps a title that is not readable LaTeX as written, escapes decoded', () => {
    const entry = bibEntry('misc', 'x', { title: '{Costs \\"uber $5}' })
    expect(only(entry)?.title).toBe('Costs über $5')
  })

  it('handles quoted values and parenthesised entries', () => {
    const file = '@article(paren, title = "Quoted {Title}", author = "Doe, Jane", year = 2021)'
    expect(only(file)).toMatchObject({
      title: 'Quoted Title',
      authors: ['Jane Doe'],
      published: '2021',
    })
  })

  it('skips an unparseable entry between good ones with its reason', () => {
    const file = bibFile(
      bibEntry('misc', 'first', { title: '{First}' }),
      '@misc{nocomma title = {Missing comma}}\n',
      bibEntry('misc', 'last', { title: '{Last}' }),
    )
    const result = importBibtex(file)
    expect(result.papers.map((paper) => paper.title)).toEqual(['First', 'Last'])
    expect(result.skipped).toEqual([
      {
        at: 'line 5',
        excerpt: '@misc{nocomma title = {Missing comma}}',
        reason: 'malformed entry: expected "," but found text',
      },
    ])
  })

  it('finds the one broken entry among many and keeps macros defined around it', () => {
    const macro = (i: number) => (i < 10 || i % 2 ? 'jmlr' : 'tmlr')
    const entries = Array.from({ length: 40 }, (_, i) =>
      bibEntry('article', `k${i}`, { title: `${macro(i)} # " ${i}"` }),
    )
    const file = bibFile(
      '@string{jmlr = "JMLR"}',
      ...entries.slice(0, 10),
      '@string{tmlr = "TMLR"}',
      ...entries.slice(10, 25),
      '@misc{broken, title = {Unclosed\n',
      ...entries.slice(25),
    )
    const result = importBibtex(file)
    expect(result.papers.map((paper) => paper.title)).toEqual(
      entries.map((_, i) => `${macro(i).toUpperCase()} ${i}`),
    )
    const brokenLine = file.slice(0, file.indexOf('@misc{broken')).split('\n').length
    expect(result.skipped.map((item) => item.at)).toEqual([`broken (line ${brokenLine})`])
  })

  it('reports the key and line of an entry it skips in a well-formed file', () => {
    const file = bibFile(
      bibEntry('misc', 'fine', { title: '{Fine}' }),
      bibEntry('book', 'notitle', { author: '{Doe, J.}' }),
    )
    expect(importBibtex(file).skipped).toEqual([
      {
        at: 'notitle (line 5)',
        excerpt: '@book{notitle}',
        reason: 'no title and no arXiv id (@book)',
      },
    ])
  })

  it('gives nothing for a blank file or one with only comments and macros', () => {
    expect(importBibtex('')).toEqual({ papers: [], skipped: [] })
    expect(importBibtex('@comment{x}\n@string{a = "b"}\n@preamble{"\\newcommand"}')).toEqual({
      papers: [],
      skipped: [],
    })
  })

  it('throws a ValidationError for text with no BibTeX entry', () => {
    expect(() => importBibtex('Just some notes about papers.')).toThrow(ValidationError)
  })
})

describe('importBibtex and what the model accepts', () => {
  const entry = (fields: Record<string, string>) =>
    importBibtex(bibEntry('misc', 'key', { title: '{A Title}', ...fields }))

  it('takes a doi: prefix off the DOI', () => {
    expect(entry({ doi: '{doi:10.1145/3442188.3445922}' }).papers[0]?.doi).toBe(
      '10.1145/3442188.3445922',
    )
  })

  it('gives a www. URL a scheme and drops a URL with spaces', () => {
    expect(entry({ url: '{www.example.org/paper}' }).papers[0]?.links).toEqual({
      abstract: 'https://www.example.org/paper',
    })
    expect(entry({ url: '{https://example.org/a paper}' }).papers[0]).not.toHaveProperty(
      'links.abstract',
    )
  })

  it.each(['2024-13', '2023-02-30'])('drops the impossible date %s', (date) => {
    const [paper] = entry({ date: `{${date}}` }).papers
    expect(paper?.title).toBe('A Title')
    expect(paper).not.toHaveProperty('published')
  })

  it('skips an entry whose title is too long, with the reason', () => {
    const result = entry({ title: `{${'T'.repeat(1_001)}}` })
    expect(result.papers).toEqual([])
    expect(result.skipped.map(({ at, reason }) => [at, reason])).toEqual([
      ['key (line 1)', 'title is longer than 1000 characters'],
    ])
  })

  it('reads the first entry after a byte-order mark', () => {
    const text = `\uFEFF${bibFile(
      bibEntry('misc', 'a', { title: '{First}' }),
      bibEntry('misc', 'b', { title: '{Second}' }),
    )}`
    expect(importBibtex(text).papers.map((paper) => paper.title)).toEqual(['First', 'Second'])
  })
})
