import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { papersToBibtex } from '../../shared/export/bibtex'
import { collapseWhitespace } from '../../shared/importers/import-result'
import { importBibtex } from '../../shared/importers/bibtex'
import { importTrending } from '../../shared/importers/trending'
import { importPapers, listPapers, type Paper } from '../../shared/model'
import { ADA, groupDoc } from '../fixtures/group'
import { storedPaper } from '../fixtures/library'
import { anyText } from '../fixtures/importers/arbitraries'

const SPECIAL_TITLE = 'Über {braces} at 100% & $5 costs: a_b ~ ^ \\ in 中文 -- naïve'
const SPECIAL_ABSTRACT =
  "We pay $3 & 50% of {all} #1 costs_x with ~2^10 \\ops. Ça marche, 東京 🙂 -- ‘ok’ and ''x''."

/** The papers the round trip needs, in a fixed order. */
function samplePapers(): Paper[] {
  return [
    storedPaper({
      id: '2401.12345',
      title: 'LLaMA: Open and Efficient Foundation Language Models',
      authors: ['Hugo Touvron', 'Thibaut Lavril'],
      abstract: 'We introduce LLaMA, a collection of foundation language models.',
      arxivId: '2401.12345',
      links: {
        abstract: 'https://arxiv.org/abs/2401.12345',
        pdf: 'https://arxiv.org/pdf/2401.12345',
      },
      published: '2024-03-13',
      source: 'arxiv',
    }),
    storedPaper({
      id: 'h:journal',
      title: 'Deep learning',
      authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
      abstract: 'Deep learning allows computational models to learn representations.',
      doi: '10.1038/nature14539',
      links: { abstract: 'https://www.nature.com/articles/nature14539' },
      published: '2015-05-27',
      source: 'bibtex',
    }),
    storedPaper({
      id: 'h:special',
      title: SPECIAL_TITLE,
      authors: ['José García', 'Jean de la Fontaine', 'Plato', '王小明', 'Andrew Lloyd-Webber'],
      abstract: SPECIAL_ABSTRACT,
      published: '2023',
    }),
    storedPaper({ id: 'h:anonymous', title: 'The Anonymous Report' }),
    storedPaper({
      id: '2402.00001',
      title: 'Attention Sinks',
      authors: ['Ada Lovelace'],
      arxivId: '2402.00001',
      published: '2024-02-01',
    }),
    storedPaper({
      id: '2402.00002',
      title: 'Attention Sinks Revisited',
      authors: ['Ada Lovelace', 'Ben Byte'],
      arxivId: '2402.00002',
      published: '2024-02-20',
    }),
  ]
}

/** The text of each entry, by key. */
function entriesByKey(bibtex: string): Map<string, string> {
  const entries = new Map<string, string>()
  for (const match of bibtex.matchAll(/^@(\w+)\{([^,]+),\n([\s\S]*?)\n\}$/gm)) {
    entries.set(match[2] ?? '', `@${match[1]}\n${match[3]}`)
  }
  return entries
}

function keysOf(bibtex: string): string[] {
  return [...bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((match) => match[1] ?? '')
}

function demoPapers(): Paper[] {
  const page = readFileSync(
    new URL('../../server/demo/trending-papers.txt', import.meta.url),
    'utf8',
  )
  const doc = groupDoc()
  importPapers(doc, ADA, importTrending(page).papers)
  return listPapers(doc)
}

describe('papersToBibtex', () => {
  it('gives an empty file for no papers', () => {
    expect(papersToBibtex([])).toBe('')
  })

  it('reads back through our BibTeX importer as the same papers', () => {
    const papers = samplePapers()
    const result = importBibtex(papersToBibtex(papers))
    expect(result.skipped).toEqual([])
    expect(result.papers.map((paper) => paper.title)).toEqual(papers.map((paper) => paper.title))
    expect(result.papers.map((paper) => paper.authors)).toEqual(
      papers.map((paper) => paper.authors),
    )
    expect(result.papers.map((paper) => paper.abstract ?? '')).toEqual(
      papers.map((paper) => paper.abstract),
    )
    expect(result.papers.map((paper) => paper.arxivId)).toEqual(
      papers.map((paper) => paper.arxivId),
    )
    expect(result.papers.map((paper) => paper.doi)).toEqual(papers.map((paper) => paper.doi))
    expect(result.papers.map((paper) => paper.published)).toEqual([
      '2024-03',
      '2015-05',
      '2023',
      undefined,
      '2024-02',
      '2024-02',
    ])
    expect(result.papers[1]?.links?.abstract).toBe('https://www.nature.com/articles/nature14539')
  })

  it('writes an arXiv paper as @misc with its eprint, archive, abstract page and date', () => {
    const entry = entriesByKey(papersToBibtex(samplePapers())).get('touvron2024llama')
    expect(entry).toBe(
      [
        '@misc',
        '\ttitle = {{LLaMA: Open and Efficient Foundation Language Models}},',
        '\tauthor = {Touvron, Hugo and Lavril, Thibaut},',
        '\tyear = {2024},',
        '\tmonth = {3},',
        '\teprint = {2401.12345},',
        '\tarchivePrefix = {arXiv},',
        '\turl = {https://arxiv.org/abs/2401.12345},',
        '\tabstract = {We introduce LLaMA, a collection of foundation language models.},',
      ].join('\n'),
    )
  })

  it('writes a DOI paper with its DOI and abstract link, and no eprint', () => {
    const entry = entriesByKey(papersToBibtex(samplePapers())).get('lecun2015deep') ?? ''
    expect(entry).toContain('\tdoi = {10.1038/nature14539},')
    expect(entry).toContain('\turl = {https://www.nature.com/articles/nature14539},')
    expect(entry).toContain('\tauthor = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},')
    expect(entry).not.toContain('eprint')
    expect(entry).not.toContain('archivePrefix')
  })

  it('escapes LaTeX-special characters and keeps characters LaTeX has no command for', () => {
    const entry = entriesByKey(papersToBibtex(samplePapers())).get('garcia2023uber') ?? ''
    expect(entry).toContain('\\textbraceleft{}braces\\textbraceright{} at 100\\% \\& \\$5')
    expect(entry).toContain('a\\_b \\textasciitilde{} \\textasciicircum{}')
    expect(entry).toContain('\\textbackslash{} in 中文 -{}- na{\\" i}ve')
    expect(entry).toContain('東京 🙂')
    expect(entry).toContain(
      "\tauthor = {Garc{\\' i}a, Jos{\\' e} and de la Fontaine, Jean and {Plato} and {王小明} and Lloyd{-}Webber, Andrew},",
    )
  })

  it('gives unique keys, lettered when first author and year are the same', () => {
    const bibtex = papersToBibtex(samplePapers())
    expect(keysOf(bibtex)).toEqual([
      'touvron2024llama',
      'lecun2015deep',
      'garcia2023uber',
      'anonymous',
      'lovelace2024attention',
      'lovelace2024attentiona',
    ])
  })

  it('keeps each paper’s key when a later paper would share it, and in an export of a part', () => {
    const first = storedPaper({
      id: '1706.03762',
      arxivId: '1706.03762',
      title: 'Attention is all you need',
      authors: ['Ashish Vaswani'],
      published: '2017-06-12',
      addedAt: 1_000,
    })
    const before = keysOf(papersToBibtex([first]))
    const later = storedPaper({ ...first, id: '1711.00001', arxivId: undefined, addedAt: 2_000 })
    // The library lists the newest first; the paper added first keeps the bare key.
    const whole = papersToBibtex([later, first])
    expect(entriesByKey(whole).get('vaswani2017attention')).toContain('1706.03762')
    expect(keysOf(whole)).toEqual(['vaswani2017attentiona', ...before])
    // Exporting the later paper alone, among the whole library, gives it the same key.
    expect(keysOf(papersToBibtex([later], [later, first]))).toEqual(['vaswani2017attentiona'])
  })

  it('writes the group’s tags of each paper as its keywords', () => {
    const [tagged, untagged] = [storedPaper({ id: 'a', title: 'Tagged' }), storedPaper({ id: 'b' })]
    const tags = new Map([['a', ['memory', 'offline_rl']]])
    const entries = entriesByKey(papersToBibtex([tagged, untagged], undefined, tags))
    expect(entries.get('tagged')).toContain('keywords = {memory, offline\\_rl}')
    expect(entries.get('p')).not.toContain('keywords')
  })

  it('gives a key to a paper with no author, date or ASCII title word', () => {
    const papers = [storedPaper({ title: '中文' }), storedPaper({ title: '中文' })]
    expect(keysOf(papersToBibtex(papers))).toEqual(['paper', 'papera'])
  })

  it('keeps a line of the abstract that starts with @ from starting an entry', () => {
    const paper = storedPaper({ title: 'At signs', abstract: 'Cite as\n@misc(x, title = {y})' })
    const result = importBibtex(papersToBibtex([paper]))
    expect(result.skipped).toEqual([])
    expect(result.papers).toHaveLength(1)
    expect(result.papers[0]?.abstract).toBe('Cite as @misc(x, title = {y})')
  })

  it('exports all 68 demo papers, which read back with their titles and arXiv ids', () => {
    const papers = demoPapers()
    expect(papers).toHaveLength(68)
    const bibtex = papersToBibtex(papers)
    const keys = keysOf(bibtex)
    expect(new Set(keys).size).toBe(68)
    const result = importBibtex(bibtex)
    expect(result.skipped).toEqual([])
    expect(result.papers.map((paper) => paper.title)).toEqual(papers.map((paper) => paper.title))
    expect(result.papers.map((paper) => paper.arxivId)).toEqual(
      papers.map((paper) => paper.arxivId),
    )
    expect(result.papers.map((paper) => paper.authors)).toEqual(
      papers.map((paper) => paper.authors),
    )
  })
})

/** Characters a title may hold, specials, accents, CJK and emoji among them (no `>`: see below). */
const titleChar = fc.constantFrom(
  ...'aZ0 {}%&$#_~^\\<-\'"`.,:;!?()[]@/=+*|',
  ...'éÜñçøÅßŁıœ中文東京🙂≤²—–“”',
)
/**
 * Titles and abstracts of those characters. `<` with `>` could spell `<i>`, which the importer
 * reads as formatting, so `>` is left out; whitespace runs collapse on import, so none are made.
 */
const plainText = fc
  .string({ unit: titleChar, minLength: 1, maxLength: 60 })
  .map((text) => collapseWhitespace(`T ${text}`))

/**
 * Names of words that start with a capital (or CJK) and end with a letter, anything between:
 * the shape of real names, with the characters that break naive exporters inside them.
 */
const nameWord = fc
  .tuple(
    fc.constantFrom(...'ZÜŁ中'),
    fc.string({ unit: titleChar, maxLength: 6 }),
    fc.constantFrom(...'aZéß東'),
  )
  .map((parts) => parts.join(''))
  .filter((word) => !/\s/.test(word))
const particle = fc.constantFrom('van', 'de la', 'von der')
const personName = fc
  .tuple(fc.array(nameWord, { minLength: 1, maxLength: 2 }), fc.option(particle), nameWord)
  .map(([given, von, family]) => [...given, ...(von ? [von] : []), family].join(' '))
const anyName = fc.oneof(personName, nameWord, fc.constantFrom('Martin Luther King Jr.'))

describe('papersToBibtex on any paper', () => {
  it('reads back every title, abstract and author as written', () => {
    const paperText = fc.record({
      title: plainText,
      abstract: plainText,
      authors: fc.array(anyName, { maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(paperText, { minLength: 1, maxLength: 5 }), (texts) => {
        const papers = texts.map((text) => storedPaper(text))
        const result = importBibtex(papersToBibtex(papers))
        expect(result.skipped).toEqual([])
        expect(
          result.papers.map(({ title, abstract, authors }) => ({ title, abstract, authors })),
        ).toEqual(texts)
      }),
    )
  })

  it('never throws and always writes a file whose every entry parses, with unique keys', () => {
    const anyPaper = fc.record({
      title: anyText,
      abstract: anyText,
      authors: fc.array(anyText, { maxLength: 4 }),
      published: fc.option(anyText, { nil: undefined }),
      doi: fc.option(anyText, { nil: undefined }),
      arxivId: fc.option(anyText, { nil: undefined }),
      links: fc.record({ abstract: fc.option(anyText, { nil: undefined }) }),
    })
    fc.assert(
      fc.property(fc.array(anyPaper, { maxLength: 6 }), (fields) => {
        const papers = fields.map((paper) => storedPaper(paper))
        const bibtex = papersToBibtex(papers)
        const keys = keysOf(bibtex)
        expect(keys).toHaveLength(papers.length)
        expect(new Set(keys).size).toBe(keys.length)
        expect(keys.every((key) => /^[a-z0-9]+$/.test(key))).toBe(true)
        const result = importBibtex(bibtex)
        // An entry whose title is only control characters or spaces is skipped for having no
        // title, never as broken.
        expect(result.papers.length + result.skipped.length).toBe(papers.length)
        for (const skipped of result.skipped)
          expect(skipped.reason).toMatch(/^no title|needs a title/)
      }),
    )
  })
})
