import { describe, expect, it } from 'vitest'
import { render, screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addAnnotation, addPaper, selectorsFor, type Actor } from '../../shared/model'
import { describePdfSelection } from '../../shared/anchoring/pdf-anchor'
import { pdfPageText, type PdfTextContentItem } from '../../shared/anchoring/pdf-page-text'
import type { ReaderDocument, ReaderPage } from '../../client/data/pdf-reader-document'
import { createPaperView } from '../../client/data/create-paper-view'
import { PaperContext } from '../../client/components/paper/paper-context'
import { PdfReader } from '../../client/components/pdf-reader/PdfReader'
import { createReaderContext } from '../../client/components/pdf-reader/reader-context'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { createTestGroupView } from '../helpers/test-group-view'

const SHA = 'a'.repeat(64)
const PAGES = [
  ['A reading group meets on Thursdays.', 'This is the first page.'],
  ['The second page begins here.', 'Members keep their notes on the train.'],
]

const lines = (page: string[]): PdfTextContentItem[] => page.map((str) => ({ str, hasEOL: true }))

/**
 * The reader's view of a PDF whose pages are PAGES, without pdf.js: the pages are never drawn
 * here (happy-dom has no canvas), but their texts are what anchoring and finding read.
 */
function readerDocument(): ReaderDocument {
  const pages: ReaderPage[] = PAGES.map((page, index) => ({
    number: index + 1,
    proxy: { getViewport: () => ({ width: 612, height: 792 }) } as never,
    width: 612,
    height: 792,
    content: { items: lines(page), styles: {}, lang: null } as never,
    text: pdfPageText(lines(page)),
  }))
  return { pdfjs: {} as never, pages }
}

/** Highlights `exact` on `page` (1-based) as a member of the group would in the reader. */
function highlightOnPage(
  doc: ReturnType<typeof groupDoc>,
  actor: Actor,
  paperId: string,
  page: number,
  text: string,
  exact: string,
  note = '',
) {
  const start = text.indexOf(exact)
  const selectors = describePdfSelection(text, { page, start, end: start + exact.length })!
  return addAnnotation(doc, actor, {
    paperId,
    target: { source: paperId, pdf: SHA, ...selectors },
    note,
  })
}

function renderReader() {
  const doc = groupDoc()
  const { paper } = addPaper(doc, ADA, paperInput({ abstract: 'An abstract about trains.' }))
  const texts = readerDocument().pages.map((page) => page.text.text)
  highlightOnPage(
    doc,
    BEN,
    paper.id,
    2,
    texts[1]!,
    'Members keep their notes on the train.',
    'So true',
  )
  // Made on another version of the PDF: its passage is on no page of this one.
  highlightOnPage(
    doc,
    BEN,
    paper.id,
    1,
    'Only the old version said this sentence.',
    'said this sentence',
  )
  // On the abstract: the paper's page shows it, not the reader.
  const start = paper.abstract.indexOf('trains')
  addAnnotation(doc, ADA, {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(paper.abstract, start, start + 6) },
  })
  render(() => {
    const view = createTestGroupView(doc)
    const data = createPaperView(view, () => paper.id)
    const reader = createReaderContext(
      view,
      () => paper.id,
      () => false,
    )
    return (
      <PaperContext.Provider value={reader.context}>
        <PdfReader
          view={view}
          data={data}
          paper={data.paper!}
          sha256={SHA}
          document={readerDocument()}
          reveal={reader.reveal()}
          onReveal={reader.setReveal}
          expanded={reader.expanded()}
          onExpanded={reader.setExpanded}
          onPage={() => undefined}
          goTo={() => undefined}
          resume={undefined}
          onRead={() => undefined}
        />
      </PaperContext.Provider>
    )
  })
}

describe('the PDF reader', () => {
  it('lists the highlights on its pages, and the orphaned ones apart, never dropped', () => {
    renderReader()
    const panel = screen.getByRole('complementary', { name: 'Annotations on the PDF (2)' })
    const onPage = within(panel)
      .getByText('Members keep their notes on the train.')
      .closest('article')!
    expect(onPage.textContent).toContain('On page 2 of the PDF.')
    expect(onPage.textContent).toContain('So true')
    const orphaned = within(panel)
      .getByRole('heading', { name: 'Orphaned (1)' })
      .closest('section')!
    expect(orphaned.textContent).toContain('said this sentence')
    expect(panel.textContent).not.toContain('trains')
    expect(screen.getAllByRole('group', { name: /^Page \d of 2$/ })).toHaveLength(2)
  })

  it('finds words across the pages, and says when there is none', async () => {
    renderReader()
    const find = screen.getByRole('searchbox', { name: 'Find in the PDF' })
    await userEvent.type(find, 'NOTES on the{Enter}')
    expect(document.querySelector('.pdf-find-status')!.textContent).toBe('Match 1 of 1, on page 2.')
    await userEvent.clear(find)
    await userEvent.type(find, 'page{Enter}')
    expect(document.querySelector('.pdf-find-status')!.textContent).toBe('Match 1 of 2, on page 1.')
    await userEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(document.querySelector('.pdf-find-status')!.textContent).toBe('Match 2 of 2, on page 2.')
    await userEvent.click(screen.getByRole('button', { name: 'Previous match' }))
    expect(document.querySelector('.pdf-find-status')!.textContent).toBe('Match 1 of 2, on page 1.')
    await userEvent.clear(find)
    await userEvent.type(find, 'nothing here{Enter}')
    expect(document.querySelector('.pdf-find-status')!.textContent).toBe(
      'No match for “nothing here” in the PDF.',
    )
  })

  it('zooms in and out from the width it fits, and back to fit', async () => {
    renderReader()
    const fit = screen.getByRole('button', { name: 'Fit width' })
    const level = () => document.querySelector('.pdf-zoom-level')!.textContent
    expect(fit.getAttribute('aria-pressed')).toBe('true')
    const fitted = level()
    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    expect(fit.getAttribute('aria-pressed')).toBe('false')
    const zoomed = level()
    expect(zoomed).not.toBe(fitted)
    await userEvent.click(screen.getByRole('button', { name: 'Zoom out' }))
    await userEvent.click(screen.getByRole('button', { name: 'Zoom out' }))
    expect(Number(level()!.replace(/\D/g, ''))).toBeLessThan(Number(zoomed!.replace(/\D/g, '')))
    await userEvent.click(fit)
    expect(fit.getAttribute('aria-pressed')).toBe('true')
    expect(level()).toBe(fitted)
  })
})
