/** Placing a paper's annotations on its abstract, keeping every one of them. */
import type { AnnotationTarget, TextPositionSelector } from '../model/types'
import { anchorQuote } from './anchor-quote'

/**
 * Where an annotation stands: on the abstract at `range` (re-anchored when the stored position
 * no longer fits), on a page of the PDF, or orphaned (its passage is not in the abstract).
 */
export type Placement =
  | { place: 'text'; range: TextPositionSelector }
  | { place: 'page'; page: number }
  | { place: 'orphaned' }

/** Where each annotation's target stands in `abstract`, in the order given. */
export function placeAnnotations<A extends { target: AnnotationTarget }>(
  abstract: string,
  annotations: readonly A[],
): Array<{ annotation: A; placement: Placement }> {
  return annotations.map((annotation) => {
    const { page, quote, position } = annotation.target
    if (page !== undefined) return { annotation, placement: { place: 'page', page } }
    const range = anchorQuote(abstract, quote, position)
    return { annotation, placement: range ? { place: 'text', range } : { place: 'orphaned' } }
  })
}
