import { spanPieces, type Box, type PageLayer } from '../../data/pdf-reader-selection'

/** The DOM range over `start`..`end` of a page's text, or undefined when its spans hold none of it. */
export function passageRange(layer: PageLayer, start: number, end: number): Range | undefined {
  const pieces = spanPieces(layer, start, end)
  const first = pieces[0]
  const last = pieces[pieces.length - 1]
  const [from, to] = [first?.element.firstChild, last?.element.firstChild]
  if (!first || !last || !from || !to) return undefined
  const range = document.createRange()
  range.setStart(from, first.from)
  range.setEnd(to, last.to)
  return range
}

/**
 * The boxes a passage of the page's text covers on screen, relative to `page`: one per line
 * piece of each span, measured from the text layer, which pdf.js lays over the drawn text.
 */
export function passageBoxes(layer: PageLayer, page: Element, start: number, end: number): Box[] {
  const origin = page.getBoundingClientRect()
  const boxes: Box[] = []
  for (const piece of spanPieces(layer, start, end)) {
    const text = piece.element.firstChild
    if (!text) continue
    const range = document.createRange()
    range.setStart(text, piece.from)
    range.setEnd(text, piece.to)
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue
      boxes.push({
        left: rect.left - origin.left,
        top: rect.top - origin.top,
        width: rect.width,
        height: rect.height,
      })
    }
  }
  return boxes
}
