/**
 * Highlights on the pages of a PDF: describing a selection as selectors, and finding a stored
 * highlight again in the pages' text (`pdfPageText`), after a re-render, on another device or in
 * another extraction of the same PDF. Pure: it takes plain page texts, never pdf.js itself.
 */
import type { AnnotationTarget, TextPositionSelector } from '../model/types'
import { anchorQuote } from './anchor-quote'
import { anchorLoose, contextAgreement, looseText, type LooseText } from './pdf-loose-text'
import { selectorsFor } from './text-quote'
import { wholeCharacters } from './whole-characters'

/** A selection on one page: offsets into that page's text, end exclusive. */
export interface PdfSelection {
  /** 1-based. */
  page: number
  start: number
  end: number
}

/** What a target on a PDF page holds besides its source and PDF. */
export type PdfSelectors = Required<Pick<AnnotationTarget, 'page' | 'quote' | 'position'>>

/**
 * Where a highlight stands in the PDF: on `page` at `range`, found by its stored position, by its
 * quote, or by its quote with spacing, hyphens, ligatures and accents folded (`loose`); or
 * orphaned, when its passage is on no page (the annotation is kept and shown apart).
 */
export type PdfPlacement =
  | {
      place: 'page'
      page: number
      range: TextPositionSelector
      match: 'position' | 'quote' | 'loose'
    }
  | { place: 'orphaned' }

/**
 * The selectors of a selection in `pageText` (the text of `selection.page`), with whitespace at
 * either end left out and offsets widened to whole characters; undefined when the selection
 * holds nothing but whitespace.
 */
export function describePdfSelection(
  pageText: string,
  selection: PdfSelection,
): PdfSelectors | undefined {
  const low = Math.min(selection.start, selection.end)
  const high = Math.max(selection.start, selection.end)
  let { start, end } = wholeCharacters(pageText, low, high)
  while (start < end && /\s/.test(pageText.charAt(start))) start++
  while (end > start && /\s/.test(pageText.charAt(end - 1))) end--
  if (start >= end) return undefined
  return { page: selection.page, ...selectorsFor(pageText, start, end) }
}

/**
 * A function placing targets in the PDF whose page texts are `pages` (page 1 first). It folds
 * each page's text once, when first needed, so that placing many highlights stays cheap.
 *
 * On the stored page: the stored position when the quote is still there, else the quote (the
 * occurrence whose prefix and suffix match best, the nearest to the stored position breaking
 * ties), else the quote folded. Failing that, the other pages, where the occurrence with the
 * best matching context wins, the page nearest the stored one breaking ties. A target without
 * a page (made on the abstract) is looked for from page 1.
 */
export function pdfAnchorer(
  pages: readonly string[],
): (target: Pick<AnnotationTarget, 'page' | 'quote' | 'position'>) => PdfPlacement {
  const folded: Array<LooseText | undefined> = []
  const loose = (index: number) => (folded[index] ??= looseText(pages[index] ?? ''))

  function onPage(
    index: number,
    target: Pick<AnnotationTarget, 'quote' | 'position'>,
    foldedQuote: string,
    trustPosition: boolean,
  ) {
    const text = pages[index] ?? ''
    const { quote, position } = target
    if (trustPosition && text.slice(position.start, position.end) === quote.exact) {
      return { range: { start: position.start, end: position.end }, match: 'position' as const }
    }
    // Whatever matches also matches folded, so a page without the folded quote is passed over
    // at the cost of one search in its folded text, already made for the other highlights.
    if (!loose(index).text.includes(foldedQuote)) return undefined
    const near = trustPosition ? position : undefined
    const exact = anchorQuote(text, quote, near)
    if (exact) return { range: exact, match: 'quote' as const }
    const folded = anchorLoose(loose(index), quote, near)
    return folded ? { range: folded, match: 'loose' as const } : undefined
  }

  return (target) => {
    if (target.quote.exact.trim() === '') return { place: 'orphaned' }
    const stored = target.page
    const foldedQuote = looseText(target.quote.exact).text
    if (stored !== undefined && stored >= 1 && stored <= pages.length) {
      const hit = onPage(stored - 1, target, foldedQuote, true)
      if (hit) return { place: 'page', page: stored, ...hit }
    }
    const home = stored ?? 1
    let best:
      { page: number; score: number; hit: NonNullable<ReturnType<typeof onPage>> } | undefined
    for (const page of byDistance(pages.length, home)) {
      if (page === stored) continue
      const hit = onPage(page - 1, target, foldedQuote, false)
      if (!hit) continue
      const score = contextAgreement(pages[page - 1] ?? '', hit.range, target.quote)
      if (!best || score > best.score) best = { page, score, hit }
    }
    return best ? { place: 'page', page: best.page, ...best.hit } : { place: 'orphaned' }
  }
}

/** Places one target in the PDF whose page texts are `pages`: see `pdfAnchorer`. */
export function anchorPdfTarget(
  pages: readonly string[],
  target: Pick<AnnotationTarget, 'page' | 'quote' | 'position'>,
): PdfPlacement {
  return pdfAnchorer(pages)(target)
}

/** Pages 1..count, nearest `home` first; of two at the same distance, the earlier. */
function byDistance(count: number, home: number): number[] {
  const pages = Array.from({ length: count }, (_, i) => i + 1)
  return pages.sort((a, b) => Math.abs(a - home) - Math.abs(b - home) || a - b)
}
