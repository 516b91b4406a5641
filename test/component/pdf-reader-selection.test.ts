import { afterEach, describe, expect, it } from 'vitest'
import { pdfPageText, type PdfTextContentItem } from '../../shared/anchoring/pdf-page-text'
import { describePdfSelection } from '../../shared/anchoring/pdf-anchor'
import {
  highlightAt,
  layerSpans,
  selectionOnPages,
  spanPieces,
  type PageLayer,
} from '../../client/data/pdf-reader-selection'

/** Text items as pdf.js gives them: lines, a marked-content group, an empty item. */
const ITEMS: PdfTextContentItem[] = [
  { str: 'First line.', hasEOL: true },
  { type: 'beginMarkedContent' },
  { str: 'Second ', hasEOL: false },
  { str: 'line here.', hasEOL: true },
  { type: 'endMarkedContent' },
  { str: '', hasEOL: false },
  { str: 'Third.', hasEOL: false },
]

/**
 * A text layer as pdf.js's TextLayer builds it from ITEMS: a span per text item (an empty one
 * made but never put in the page), a <br> after a line's end, marked content in its own span.
 */
function textLayer(page: number): { layer: PageLayer; spans: HTMLSpanElement[] } {
  const root = document.createElement('div')
  document.body.append(root)
  const divs: HTMLSpanElement[] = []
  let container: HTMLElement = root
  for (const item of ITEMS) {
    if (!('str' in item)) {
      if (item.type === 'beginMarkedContent') {
        const marked = document.createElement('span')
        marked.className = 'markedContent'
        container.append(marked)
        container = marked
      } else container = root
      continue
    }
    const span = document.createElement('span')
    span.textContent = item.str
    divs.push(span)
    if (item.str !== '') container.append(span)
    if (item.hasEOL) container.append(document.createElement('br'))
  }
  const { text, starts } = pdfPageText(ITEMS)
  return { layer: { page, root, spans: layerSpans(divs, ITEMS, starts), text }, spans: divs }
}

function range(start: [Node, number], end: [Node, number]): Range {
  const made = document.createRange()
  made.setStart(...start)
  made.setEnd(...end)
  return made
}

const textOf = (span: HTMLElement) => span.firstChild!

afterEach(() => document.body.replaceChildren())

describe('a selection in a PDF page’s text layer, as offsets in the page’s text', () => {
  it('maps each span to where its item starts, leaving out markers and empty items', () => {
    const { layer, spans } = textLayer(1)
    expect(layer.text).toBe('First line.\nSecond line here.\nThird.')
    expect(layer.spans.map((span) => [span.element, span.start])).toEqual([
      [spans[0], 0],
      [spans[1], 12],
      [spans[2], 19],
      [spans[4], 30],
    ])
  })

  it('gives the offsets of a selection across spans and a line break, and its quote', () => {
    const { layer, spans } = textLayer(2)
    const selected = range([textOf(spans[1]!), 2], [textOf(spans[4]!), 3])
    const offsets = selectionOnPages([layer], selected)
    expect(offsets).toEqual({ page: 2, start: 14, end: 33 })
    const selectors = describePdfSelection(layer.text, offsets!)
    expect(selectors?.quote.exact).toBe('cond line here.\nThi')
    expect(selectors?.position).toEqual({ start: 14, end: 33 })
  })

  it('reads a boundary between spans as where the next span starts; the line break is trimmed', () => {
    const { layer, spans } = textLayer(1)
    const marked = spans[1]!.parentElement!
    // From the start of the layer to just after the <br> ending "line here.".
    const selected = range([layer.root, 0], [marked, marked.childNodes.length])
    const offsets = selectionOnPages([layer], selected)
    expect(offsets).toEqual({ page: 1, start: 0, end: 30 })
    expect(describePdfSelection(layer.text, offsets!)?.quote.exact).toBe(
      'First line.\nSecond line here.',
    )
  })

  it('keeps the first page’s part of a selection dragged onto the next page, and says so', () => {
    const one = textLayer(1)
    const two = textLayer(2)
    const three = textLayer(3)
    const selected = range([textOf(one.spans[4]!), 2], [textOf(two.spans[0]!), 5])
    expect(selectionOnPages([three.layer, two.layer, one.layer], selected)).toEqual({
      page: 1,
      start: 32,
      end: one.layer.text.length,
      runsOnto: 2,
    })
    const longer = range([textOf(one.spans[4]!), 2], [textOf(three.spans[0]!), 5])
    expect(selectionOnPages([three.layer, two.layer, one.layer], longer)?.runsOnto).toBe(3)
  })

  it('starts at the first page holding some of the selection’s text', () => {
    const one = textLayer(1)
    const two = textLayer(2)
    // From after page 1's last character (nothing of it) into page 2.
    const selected = range([textOf(one.spans[4]!), 6], [textOf(two.spans[0]!), 5])
    expect(selectionOnPages([one.layer, two.layer], selected)).toEqual({
      page: 2,
      start: 0,
      end: 5,
    })
  })

  it('is undefined for a selection outside every page, or an empty one', () => {
    const { layer, spans } = textLayer(1)
    const outside = document.createElement('p')
    outside.textContent = 'Not the PDF'
    document.body.append(outside)
    expect(selectionOnPages([layer], range([textOf(outside), 0], [textOf(outside), 3]))).toBe(
      undefined,
    )
    expect(selectionOnPages([layer], range([textOf(spans[0]!), 3], [textOf(spans[0]!), 3]))).toBe(
      undefined,
    )
  })
})

describe('drawing and clicking highlights on a page', () => {
  it('splits a passage into the pieces of the spans it covers', () => {
    const { layer, spans } = textLayer(1)
    expect(spanPieces(layer, 14, 33)).toEqual([
      { element: spans[1], from: 2, to: 7 },
      { element: spans[2], from: 0, to: 10 },
      { element: spans[4], from: 0, to: 3 },
    ])
    expect(spanPieces(layer, 11, 12)).toEqual([])
  })

  it('opens the smallest highlight under the point, and none where there is none', () => {
    const outer = { id: 'outer', boxes: [{ left: 0, top: 0, width: 200, height: 20 }] }
    const inner = { id: 'inner', boxes: [{ left: 50, top: 0, width: 40, height: 20 }] }
    expect(highlightAt([outer, inner], 60, 10)).toBe('inner')
    expect(highlightAt([outer, inner], 10, 10)).toBe('outer')
    expect(highlightAt([outer, inner], 10, 30)).toBe(undefined)
  })
})
