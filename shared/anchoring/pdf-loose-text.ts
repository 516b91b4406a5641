/**
 * The last resort of PDF anchoring: text compared as two text extractions of the same page can
 * both give it. Extractions differ in spacing and line breaks, in hyphenation ("re-" at a line's
 * end and "anchoring" on the next), in ligatures ("ﬁ" or "fi") and in accents (a precomposed
 * "ö", or "o" and a spacing "¨"). The matching itself is `anchorQuote`'s, run over folded text.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../model/types'
import { anchorQuote } from './anchor-quote'

/** Folded text, and for each of its units the offsets of the character it came from. */
export interface LooseText {
  text: string
  from: number[]
  to: number[]
}

// Hyphen-minus, soft hyphen, hyphen, non-breaking hyphen.
const DROPPED = /[\s\u002d\u00ad\u2010\u2011]|\p{M}/u

/**
 * `text` folded for comparison: each character in compatibility decomposition (NFKD), without
 * whitespace, hyphens or combining marks.
 */
export function looseText(text: string): LooseText {
  let out = ''
  const from: number[] = []
  const to: number[] = []
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0
    const width = code > 0xffff ? 2 : 1
    const char = text.slice(i, i + width)
    const folded = code < 0x80 ? char : char.normalize('NFKD')
    for (const unit of folded) {
      if (DROPPED.test(unit)) continue
      out += unit
      for (let k = 0; k < unit.length; k++) {
        from.push(i)
        to.push(i + width)
      }
    }
    i += width
  }
  return { text: out, from, to }
}

/**
 * Where the quote stands in the page whose folded text is `loose`, compared folded, or
 * undefined. `position` (offsets in the page) says which occurrence to prefer when context does
 * not decide.
 */
export function anchorLoose(
  loose: LooseText,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
): TextPositionSelector | undefined {
  const exact = looseText(quote.exact).text
  if (exact.length === 0) return undefined
  const near = position ? loose.from.findIndex((offset) => offset >= position.start) : 0
  const at = near < 0 ? loose.text.length : near
  const hit = anchorQuote(
    loose.text,
    { exact, prefix: looseText(quote.prefix).text, suffix: looseText(quote.suffix).text },
    { start: at, end: at + exact.length },
  )
  if (!hit) return undefined
  const start = loose.from[hit.start]
  const end = loose.to[hit.end - 1]
  return start === undefined || end === undefined ? undefined : { start, end }
}

/**
 * How well the text around `range` agrees with the quote's prefix and suffix, compared folded:
 * the number of folded units that match, next to the passage outwards.
 */
export function contextAgreement(
  text: string,
  range: TextPositionSelector,
  quote: TextQuoteSelector,
): number {
  // Folding drops characters, so read a little more than the context's length on each side.
  const before = looseText(
    text.slice(Math.max(0, range.start - 2 * quote.prefix.length - 8), range.start),
  )
  const after = looseText(text.slice(range.end, range.end + 2 * quote.suffix.length + 8))
  const prefix = looseText(quote.prefix).text
  const suffix = looseText(quote.suffix).text
  let score = 0
  while (
    score < prefix.length &&
    score < before.text.length &&
    prefix[prefix.length - 1 - score] === before.text[before.text.length - 1 - score]
  ) {
    score++
  }
  let n = 0
  while (n < suffix.length && n < after.text.length && suffix[n] === after.text[n]) n++
  return score + n
}
