/**
 * Finding where a TextQuoteSelector stands in a text whose offsets may have moved (a paper whose
 * abstract came from another record of the same paper, spacing that changed on re-import).
 */
import type { TextPositionSelector, TextQuoteSelector } from '../model/types'

/**
 * Where the quote stands in `text`, or undefined when it is nowhere. The position is kept when
 * the quote is still there; otherwise the occurrence whose surroundings best match the prefix
 * and suffix wins, the one nearest the old position breaking ties. Failing an exact match, runs
 * of whitespace count as one space (line breaks of a re-imported abstract).
 */
export function anchorQuote(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
): TextPositionSelector | undefined {
  const { exact } = quote
  if (exact.length === 0) return undefined
  if (
    position &&
    position.start >= 0 &&
    position.end <= text.length &&
    text.slice(position.start, position.end) === exact
  ) {
    return { start: position.start, end: position.end }
  }
  const near = position?.start ?? 0
  const hit = bestOccurrence(text, exact, quote.prefix, quote.suffix, near)
  if (hit !== undefined) return { start: hit, end: hit + exact.length }

  const loose = collapseWhitespace(text)
  const looseExact = collapseWhitespace(exact).text
  if (looseExact.trim() === '') return undefined
  const looseNear = loose.at.findIndex((offset) => offset >= near)
  const found = bestOccurrence(
    loose.text,
    looseExact,
    collapseWhitespace(quote.prefix).text,
    collapseWhitespace(quote.suffix).text,
    looseNear < 0 ? loose.text.length : looseNear,
  )
  if (found === undefined) return undefined
  const last = found + looseExact.length - 1
  const start = loose.at[found] ?? 0
  // A quote ending in collapsed whitespace takes the whole run; otherwise up to its last unit.
  const end =
    loose.text[last] === ' ' ? (loose.at[last + 1] ?? text.length) : (loose.at[last] ?? start) + 1
  return { start, end }
}

function bestOccurrence(
  text: string,
  exact: string,
  prefix: string,
  suffix: string,
  near: number,
): number | undefined {
  let best: number | undefined
  let bestScore = -1
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefix(text.slice(at + exact.length, at + exact.length + suffix.length), suffix)
    const closer = best !== undefined && Math.abs(at - near) < Math.abs(best - near)
    if (score > bestScore || (score === bestScore && closer)) {
      best = at
      bestScore = score
    }
  }
  return best
}

function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

/** The text with each run of whitespace as one space, and where each of its units came from. */
function collapseWhitespace(text: string): { text: string; at: number[] } {
  let out = ''
  const at: number[] = []
  let inSpace = false
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text.charAt(i))
    if (space && inSpace) continue
    inSpace = space
    out += space ? ' ' : text[i]
    at.push(i)
  }
  return { text: out, at }
}
