import type { PdfTextContentItem } from '../../shared/anchoring/pdf-page-text'
import type { PdfSelection } from '../../shared/anchoring/pdf-anchor'

/** A span of a page's text layer and where its item's text starts in the page's text. */
export interface LayerSpan {
  element: Element
  start: number
}

/** A page's text layer as selections and highlights read it. */
export interface PageLayer {
  /** 1-based. */
  page: number
  root: Element
  /** In text order. */
  spans: LayerSpan[]
  /** The page's text, as `pdfPageText` joins it. */
  text: string
}

/**
 * The spans of a pdf.js text layer with their starts: `textDivs` has one span per text item
 * (markers have none), in the order of `items`, whose starts `pdfPageText` gave. Spans of
 * empty items are never in the page, so they are left out.
 */
export function layerSpans(
  textDivs: readonly Element[],
  items: readonly PdfTextContentItem[],
  starts: readonly number[],
): LayerSpan[] {
  const spans: LayerSpan[] = []
  let div = 0
  items.forEach((item, index) => {
    if (!('str' in item)) return
    const element = textDivs[div++]
    const start = starts[index] ?? -1
    if (element && start >= 0 && item.str !== '') spans.push({ element, start })
  })
  return spans
}

/** Where a boundary point of the page's layer falls in the page's text. */
function offsetAt(layer: PageLayer, node: Node, offset: number): number {
  const own = layer.spans.find((span) => span.element === node || span.element.contains(node))
  if (own) {
    const length = own.element.textContent?.length ?? 0
    if (node.nodeType === Node.TEXT_NODE) return own.start + Math.min(offset, length)
    return own.start + (offset > 0 ? length : 0)
  }
  // Between spans (on a line break, or the layer itself): where the next span starts.
  const point = (node.ownerDocument ?? (node as Document)).createRange()
  point.setStart(node, offset)
  const next = layer.spans.find((span) => point.comparePoint(span.element, 0) >= 0)
  return next ? next.start : layer.text.length
}

/** The part of a selection that can be highlighted: on one page, as offsets into its text. */
export interface LayerSelection extends PdfSelection {
  /**
   * The last page the selection runs onto when it runs past `page`: only `page`'s part is
   * kept, and the member must be told before they save.
   */
  runsOnto?: number
}

/**
 * The part of `range` on the first page where it holds some text, as offsets into that page's
 * text; undefined when it holds none. A selection dragged across pages keeps its first page's
 * part, and says how far it ran (`runsOnto`).
 *
 * Why clip rather than make one annotation per page: an annotation's target is one page, and a
 * note and its thread belong to one annotation, so a passage split over two annotations would
 * list twice, keep its note on one part only, and lose a part when the other is deleted. The
 * text between the parts is the page's footer and the next one's header (running title, page
 * number, footnotes), which a highlight of each part would take in. Hypothesis does not create
 * annotations across PDF pages either, and Zotero needed header and footer detection to (zotero
 * issue #2114). The reader says so in its toolbar before anything is saved, so the member can
 * highlight the rest on its own page.
 */
export function selectionOnPages(
  layers: readonly PageLayer[],
  range: Range,
): LayerSelection | undefined {
  const parts = [...layers]
    .sort((a, b) => a.page - b.page)
    .filter((layer) => range.intersectsNode(layer.root))
    .map((layer) => partOn(layer, range))
    .filter((part) => part.start < part.end)
  const first = parts[0]
  const last = parts[parts.length - 1]
  if (!first || !last) return undefined
  return last.page === first.page ? first : { ...first, runsOnto: last.page }
}

/** The part of `range` on a page it touches (empty when it holds none of the page's text). */
function partOn(layer: PageLayer, range: Range): PdfSelection {
  const inside = (node: Node) => layer.root === node || layer.root.contains(node)
  const start = inside(range.startContainer)
    ? offsetAt(layer, range.startContainer, range.startOffset)
    : 0
  const end = inside(range.endContainer)
    ? offsetAt(layer, range.endContainer, range.endOffset)
    : layer.text.length
  return { page: layer.page, start, end }
}

/** A piece of a passage inside one span's text node: offsets into that node. */
export interface SpanPiece {
  element: Element
  from: number
  to: number
}

/** The pieces of the spans that `start`..`end` of the page's text covers, in text order. */
export function spanPieces(layer: PageLayer, start: number, end: number): SpanPiece[] {
  const pieces: SpanPiece[] = []
  for (const span of layer.spans) {
    const length = span.element.textContent?.length ?? 0
    const from = Math.max(start, span.start)
    const to = Math.min(end, span.start + length)
    if (from < to)
      pieces.push({ element: span.element, from: from - span.start, to: to - span.start })
  }
  return pieces
}

/** A box relative to its page, in CSS pixels. */
export interface Box {
  left: number
  top: number
  width: number
  height: number
}

/**
 * Which of the highlights under a point a click means: the smallest one there, so that a
 * highlight inside another can still be reached. Undefined when there is none.
 */
export function highlightAt(
  highlights: ReadonlyArray<{ id: string; boxes: readonly Box[] }>,
  x: number,
  y: number,
): string | undefined {
  let best: { id: string; area: number } | undefined
  for (const { id, boxes } of highlights) {
    const hit = boxes.some(
      (box) =>
        x >= box.left && x <= box.left + box.width && y >= box.top && y <= box.top + box.height,
    )
    if (!hit) continue
    const area = boxes.reduce((sum, box) => sum + box.width * box.height, 0)
    if (!best || area < best.area) best = { id, area }
  }
  return best?.id
}
