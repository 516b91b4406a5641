import { afterEach, describe, expect, it } from 'vitest'
import { createSignal } from 'solid-js'
import { render, screen } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { listAnnotations } from '../../shared/model'
import { pdfPageText } from '../../shared/anchoring/pdf-page-text'
import { layerSpans, type PageLayer } from '../../client/data/pdf-reader-selection'
import { PaperContext } from '../../client/components/paper/paper-context'
import { ReaderSelection } from '../../client/components/pdf-reader/ReaderSelection'
import { ReaderToolbar } from '../../client/components/pdf-reader/ReaderToolbar'
import { createReaderContext } from '../../client/components/pdf-reader/reader-context'
import { createTestGroupView } from '../helpers/test-group-view'
import { PAGES, SHA, readerDoc } from './pdf-reader-setup'

afterEach(() => document.getSelection()?.removeAllRanges())

/** Page `number`'s text layer as pdf.js builds it: a span per line, a <br> after each. */
function textLayer(number: number): PageLayer {
  const lines = PAGES[number - 1]!
  const items = lines.map((str) => ({ str, hasEOL: true }))
  const root = document.createElement('div')
  root.className = 'textLayer'
  const divs = lines.map((line) => {
    const span = document.createElement('span')
    span.textContent = line
    root.append(span, document.createElement('br'))
    return span
  })
  document.body.append(root)
  const { text, starts } = pdfPageText(items)
  return { page: number, root, spans: layerSpans(divs, items, starts), text }
}

function renderSelection() {
  const setup = readerDoc()
  const layers = [textLayer(1), textLayer(2)]
  render(() => {
    const view = createTestGroupView(setup.doc)
    const reader = createReaderContext(
      view,
      () => setup.paper.id,
      () => false,
    )
    const [notice, setNotice] = createSignal<string>()
    const wrap = document.createElement('div')
    return (
      <PaperContext.Provider value={reader.context}>
        <ReaderToolbar
          ref={() => undefined}
          zoom={1}
          fit={true}
          page={1}
          count={2}
          onZoomOut={() => undefined}
          onZoomIn={() => undefined}
          onFit={() => undefined}
          onFind={() => ''}
          onWords={() => undefined}
          notice={notice()}
        />
        <ReaderSelection
          paper={setup.paper}
          sha256={SHA}
          layers={layers}
          pageText={(page) => layers[page - 1]?.text}
          wrap={wrap}
          control={() => undefined}
          onNotice={setNotice}
        />
      </PaperContext.Provider>
    )
  })
  return { ...setup, layers }
}

/** Selects from `offset` into page 1's second line to `to` into page 2's first, as a drag would. */
function selectAcross(layers: PageLayer[], offset: number, to: number) {
  const range = document.createRange()
  range.setStart(layers[0]!.spans[1]!.element.firstChild!, offset)
  range.setEnd(layers[1]!.spans[0]!.element.firstChild!, to)
  const selection = document.getSelection()!
  selection.removeAllRanges()
  selection.addRange(range)
  document.dispatchEvent(new MouseEvent('mouseup'))
}

const notice = () => document.querySelector('.pdf-selection-notice')!

describe('a selection running from one page onto the next', () => {
  it('says in the toolbar, before saving, that only its first page’s part is highlighted', async () => {
    const { doc, paper, layers } = renderSelection()
    selectAcross(layers, 8, 10)
    await screen.findByRole('button', { name: 'Highlight' })
    expect(notice().textContent).toBe(
      'Only the part on page 1 will be highlighted: a highlight stays on one page. Select the rest on page 2 to highlight it too.',
    )
    expect(notice().getAttribute('role')).toBe('status')

    await userEvent.click(screen.getByRole('button', { name: 'Highlight' }))
    const made = listAnnotations(doc, paper.id).filter((a) => a.target.pdf === SHA)
    const mine = made.filter((a) => a.target.quote.exact === 'the first page.')
    expect(mine).toHaveLength(1)
    expect(mine[0]!.target.page).toBe(1)
    expect(notice().textContent).toBe('')
  })

  it('says nothing for a selection on one page', async () => {
    const { layers } = renderSelection()
    const range = document.createRange()
    range.setStart(layers[1]!.spans[1]!.element.firstChild!, 0)
    range.setEnd(layers[1]!.spans[1]!.element.firstChild!, 7)
    document.getSelection()!.addRange(range)
    document.dispatchEvent(new MouseEvent('mouseup'))
    await screen.findByRole('button', { name: 'Highlight' })
    expect(notice().textContent).toBe('')
  })
})
