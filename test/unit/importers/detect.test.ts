import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectAndImport } from '../../../shared/importers'
import { ValidationError } from '../../../shared/model/errors'
import { atomFeed } from '../../fixtures/importers/atom'
import { hfDailyJson } from '../../fixtures/importers/hf-daily'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const TRENDING = read('../../../server/demo/trending-papers.txt')
const BIBTEX = read('../../fixtures/importers/sample.bib')

describe('detectAndImport', () => {
  it.each([
    ['an arXiv API response', atomFeed(), 'atom', 1],
    ['an Atom feed after a BOM and blank lines', `\uFEFF\n\n${atomFeed()}`, 'atom', 1],
    ['daily-papers JSON', hfDailyJson(), 'hf-daily', 1],
    ['a BibTeX file', BIBTEX, 'bibtex', 5],
    ['BibTeX after a note', `My list:\n\n${BIBTEX}`, 'bibtex', 5],
    ['the trending page', TRENDING, 'trending', 68],
    ['the trending page without its header', TRENDING.split('Mar 13')[1] ?? '', 'trending', 68],
    ['a list of ids', '2401.12345\nhttps://arxiv.org/abs/1706.03762\n', 'arxiv', 2],
    ['prose with a link', 'Read https://arxiv.org/abs/1706.03762 before Friday.', 'arxiv', 1],
    ['prose with brackets', '[1] Vaswani et al., arXiv:1706.03762', 'arxiv', 1],
    [
      'an HTML page with links',
      '<html><body><a href="https://arxiv.org/abs/1706.03762">x</a></body></html>',
      'arxiv',
      1,
    ],
    ['text with nothing in it', 'nothing to see', 'arxiv', 0],
  ])('takes %s for %s', (_, text, format, count) => {
    const result = detectAndImport(text)
    expect(result.format).toBe(format)
    expect(result.papers).toHaveLength(count)
  })

  it('labels every paper with the source of the detected format', () => {
    for (const text of [atomFeed(), hfDailyJson(), BIBTEX, TRENDING, '2401.12345']) {
      const result = detectAndImport(text)
      expect(new Set(result.papers.map((paper) => paper.source))).toEqual(new Set([result.format]))
    }
  })

  it('lets the file extension decide, so a broken file is reported as broken', () => {
    expect(() => detectAndImport('{"not": "an array"}', 'daily.json')).toThrow(ValidationError)
    expect(() => detectAndImport('<feed><entry>', 'query.xml')).toThrow(ValidationError)
    expect(() => detectAndImport('2401.12345', 'refs.bib')).toThrow(ValidationError)
    expect(detectAndImport(BIBTEX, 'REFS.BIB').format).toBe('bibtex')
  })

  it('reads a .txt file by its content', () => {
    expect(detectAndImport(TRENDING, 'trending-papers.txt').format).toBe('trending')
    expect(detectAndImport('arXiv:2401.12345', 'ids.txt').format).toBe('arxiv')
  })

  it('throws for JSON that is not a daily-papers array', () => {
    expect(() => detectAndImport('{"papers": []}')).toThrow(ValidationError)
  })

  it('detects a BibTeX file after a byte-order mark and reads its first entry', () => {
    const result = detectAndImport('\uFEFF@misc{a,\n  title = {First},\n}\n')
    expect(result.format).toBe('bibtex')
    expect(result.papers.map((paper) => paper.title)).toEqual(['First'])
  })
})
