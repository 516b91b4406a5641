/**
 * W3C Web Annotation text selectors over a plain string: building a quote + position pair from
 * a selection, and checking that a pair describes the text. Pure functions, apart from UI, so
 * that the abstract view, the PDF reader and the model all anchor alike.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../model/types'

/** How many characters of context a new selector keeps on each side. */
export const CONTEXT_LENGTH = 32

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** The selectors of `text.slice(start, end)`. */
export function selectorsFor(
  text: string,
  start: number,
  end: number,
  context = CONTEXT_LENGTH,
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  // Context cut in the middle of a surrogate pair (a math letter, an emoji) would store half a
  // character; move each cut outward-in by one code unit so it falls between characters.
  let from = Math.max(0, start - context)
  if (from > 0 && isLow(text.charCodeAt(from))) from++
  let to = Math.min(text.length, end + context)
  if (to < text.length && isLow(text.charCodeAt(to))) to--
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(from, start),
      suffix: text.slice(end, to),
    },
    position: { start, end },
  }
}

/**
 * Why the selectors do not describe `text`, or undefined when they do: the position lies within
 * the text, the quote is what stands there, and the prefix and suffix are what surround it.
 */
export function selectorMismatch(
  text: string,
  quote: TextQuoteSelector,
  position: TextPositionSelector,
): string | undefined {
  const { start, end } = position
  if (start < 0 || end > text.length || start >= end) {
    return `position ${start}-${end} lies outside the text (0-${text.length})`
  }
  if (text.slice(start, end) !== quote.exact) return 'the quote is not the text at that position'
  if (!text.slice(0, start).endsWith(quote.prefix)) return 'the prefix does not precede the quote'
  if (!text.slice(end).startsWith(quote.suffix)) return 'the suffix does not follow the quote'
  return undefined
}
