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
 * One key per paper of `papers`: first author's family name, year and first title word
 * (`vaswani2017attention`), as much of it as the paper has, or `paper` when none of it. Papers
 * that would share a key get `a`, `b`… `z`, `aa`… in the order they were added to the group
 * (`addedAt`, then id), the first added keeping the bare key, counted over `among` (the whole
 * library): so a paper keeps its key when other papers are added, or when only some papers
 * are exported, and a LaTeX document citing it still cites it.
 */
export function citationKeys(papers: readonly Paper[], among: readonly Paper[] = papers): string[] {
  const exported = new Set(papers.map((paper) => paper.id))
  // Each paper of `papers` is a slot of its own (its index), then the rest of `among`.
  const slots = [
    ...papers.map((paper, index) => ({ paper, index })),
    ...among.filter((paper) => !exported.has(paper.id)).map((paper) => ({ paper, index: -1 })),
  ]
  slots.sort(
    (a, b) =>
      a.paper.addedAt - b.paper.addedAt ||
      (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0) ||
      a.index - b.index,
  )
  const used = new Set<string>()
  const keys: string[] = papers.map(() => 'paper')
  for (const { paper, index } of slots) {
    const base = baseKey(paper) || 'paper'
    let key = base
    for (let n = 0; used.has(key); n++) key = base + letters(n)
    used.add(key)
    if (index >= 0) keys[index] = key
  }
  return keys
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
