import { createMemo, type Accessor } from 'solid-js'
import type { Annotation, AnnotationTarget } from '../../../shared/model'
import { pdfAnchorer, type PdfPlacement } from '../../../shared/anchoring/pdf-anchor'

/**
 * Where a highlight stands in the reader: placed on a page, orphaned, or pending: its page's
 * text is not read yet, or its passage is not on its own page and other pages are not read yet.
 */
export type ReaderPlacement = PdfPlacement | { place: 'pending'; page: number }

type Target = Pick<AnnotationTarget, 'page' | 'quote' | 'position'>

/**
 * Places the annotations made on the PDF's pages as the pages' texts arrive (undefined for a
 * page not read yet). A highlight found on its own page is placed as soon as that page is read:
 * anchoring looks there first, so more pages cannot change it. Any other, until every page is
 * read, is pending, never orphaned: its passage may be on a page not read yet.
 */
export function createPlacements(
  texts: Accessor<ReadonlyArray<string | undefined>>,
  annotations: Accessor<readonly Annotation[]>,
): Accessor<Array<{ annotation: Annotation; at: ReaderPlacement }>> {
  // One anchorer over all the pages once all are read, folding each page once for all.
  const whole = createMemo(() => {
    const all = texts()
    return all.every((text) => text !== undefined) ? pdfAnchorer(all as string[]) : undefined
  })
  const onItsPage = (target: Target & { page: number }): ReaderPlacement => {
    const all = texts()
    const pending = { place: 'pending' as const, page: target.page }
    const own = all[target.page - 1]
    if (own === undefined) return pending
    // Only its own page: looking through the others now would fold each again as each arrives.
    const anchor = pdfAnchorer(all.map((text, index) => (index === target.page - 1 ? own : '')))
    const at = anchor(target)
    return at.place === 'page' && at.page === target.page ? at : pending
  }
  const placed = createMemo(() => {
    const anchor = whole()
    return annotations().flatMap((annotation) => {
      const { page } = annotation.target
      if (page === undefined) return []
      const target = { ...annotation.target, page }
      return [{ annotation, at: anchor ? anchor(target) : onItsPage(target) }]
    })
  })
  return placed
}
