import { describe, expect, it } from 'vitest'
import { importBibtex } from '../../../shared/importers/bibtex'
import { decodeLatex, decodeLatexEscapes } from '../../../shared/importers/latex'
import { importTrending } from '../../../shared/importers/trending'
import { bibEntry } from '../../fixtures/importers/bibtex'

describe('decodeLatexEscapes (prose)', () => {
  it.each([
    ['na\\"ively', 'naïvely'],
    ['T\\"ULU 3', 'TÜLU 3'],
    ['Polyak-\\L ojasiewicz', 'Polyak-Łojasiewicz'],
    ["\\'a la carte", 'á la carte'],
    ['\\`a la carte', 'à la carte'],
    ['\\textasciitilde42\\%', '~42%'],
    ["Garc\\'{\\i}a", 'García'],
    ["Gar\\'cia", 'Garćia'],
    ['\\c{c}a and \\v{s}', 'ça and š'],
    ['Stra\\ss e', 'Straße'],
    ['\\emph{really} new', 'really new'],
    ['100\\$ \\& more', '100$ & more'],
  ])('decodes %s to %s', (input, expected) => {
    expect(decodeLatexEscapes(input)).toBe(expected)
  })

  it('joins a letter macro to the word after its space, but no other macro', () => {
    expect(decodeLatexEscapes('Polyak-\\L ojasiewicz, \\alpha and \\beta')).toBe(
      'Polyak-Łojasiewicz, α and β',
    )
    expect(decodeLatexEscapes('x \\in the set')).toBe('x \\in the set')
  })

  it('composes accents so that typed text matches', () => {
    expect(decodeLatexEscapes("Jos\\'e")).toBe('José'.normalize('NFC'))
    expect(decodeLatexEscapes("Jos\\'e")).toHaveLength(4)
  })

  it('keeps unknown macros and broken escapes as written', () => {
    expect(decodeLatexEscapes('We propose \\oni, a system')).toBe('We propose \\oni, a system')
    expect(decodeLatexEscapes('\\ldots and \\foo{bar}')).toBe('\\ldots and \\foo{bar}')
    expect(decodeLatexEscapes('a trailing \\')).toBe('a trailing \\')
  })

  it('leaves braces, dashes, quotes and dollars in prose alone', () => {
    const prose = "a ({varphi}) -- ``free'' for $5, 91% of the time"
    expect(decodeLatexEscapes(prose)).toBe(prose)
  })
})

describe('decodeLatex (a whole BibTeX value)', () => {
  it('drops braces, turns ligatures into dashes and decodes math it knows', () => {
    expect(decodeLatex('{The {GPT} Story} -- part~2: $\\alpha$-tests')).toBe(
      'The GPT Story – part\u00a02: α-tests',
    )
  })

  it('throws on LaTeX it cannot read, for the caller to fall back', () => {
    expect(() => decodeLatex('costs $5')).toThrow(SyntaxError)
  })
})

describe('trending and BibTeX agree', () => {
  it('decode the escapes of the real page identically', () => {
    const escapes = [
      'na\\"ively',
      'T\\"ULU 3',
      'Polyak-\\L ojasiewicz',
      "\\'a la",
      '\\textasciitilde42\\%',
    ]
    for (const escape of escapes) {
      const trending = importTrending(`A Title\n\nWe show ${escape} here.`).papers[0]?.abstract
      const bibtex = importBibtex(
        bibEntry('misc', 'x', { title: '{T}', abstract: `{We show ${escape} here.}` }),
      ).papers[0]?.abstract
      expect(bibtex).toBe(trending)
      expect(trending).not.toContain('\\')
    }
  })
})
