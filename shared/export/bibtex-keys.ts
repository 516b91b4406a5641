/** Citation keys for exported papers: readable, lowercase ASCII, unique within one file. */
import type { Paper } from '../model/types'
import { splitName } from './bibtex-text'

/** Title words that say nothing about the paper, skipped for the key's title word. */
const SKIPPED = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'towards'])
/** Letters that do not decompose into an ASCII letter and a mark. */
const LETTERS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
}

/**
 * One key per paper, in order: first author's family name, year and first title word
 * (`vaswani2017attention`), as much of it as the paper has, or `paper` when none of it. A key
 * already given gets `a`, `b`… `z`, `aa`… added, so the same papers in the same order always
 * get the same keys.
 */
export function citationKeys(papers: readonly Paper[]): string[] {
  const used = new Set<string>()
  return papers.map((paper) => {
    const base = baseKey(paper) || 'paper'
    let key = base
    for (let n = 0; used.has(key); n++) key = base + letters(n)
    used.add(key)
    return key
  })
}

function baseKey(paper: Paper): string {
  const first = Array.isArray(paper.authors) ? paper.authors[0] : undefined
  const name = typeof first === 'string' ? splitName(first) : {}
  const family = ascii(name.family ?? name.literal?.split(' ')[0] ?? '')
  const year = /^\d{4}/.exec(paper.published ?? '')?.[0] ?? ''
  const words = String(paper.title ?? '')
    .split(/\s+/)
    .map(ascii)
    .filter((word) => word && !SKIPPED.has(word))
  return family + year + (words[0] ?? '')
}

function ascii(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/./gu, (char) => LETTERS[char] ?? char)
    .replace(/[^a-z0-9]/g, '')
}

/** 0 → `a`, 25 → `z`, 26 → `aa`. */
function letters(n: number): string {
  const letter = String.fromCharCode(97 + (n % 26))
  return n < 26 ? letter : letters(Math.floor(n / 26) - 1) + letter
}
