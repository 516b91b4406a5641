import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { attachPdf } from '../../shared/model'
import { pdfReaderHref } from '../../client/app/route'
import { ADA } from '../fixtures/group'
import { paperDoc, renderPaper, highlight } from './paper-page-setup'
import { SHA, highlightOnPage, measuredColumn, readerDoc, renderReader } from './pdf-reader-setup'

let column: { restore: () => void } | undefined

afterEach(() => {
  column?.restore()
  column = undefined
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** The pages' elements that the reader scrolled into view, by page number. */
function scrolledPages() {
  const pages: number[] = []
  vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (
    this: HTMLElement,
  ) {
    const page = this.dataset.page
    if (page !== undefined) pages.push(Number(page))
  })
  return pages
}

describe('a PDF highlight on the paper’s page', () => {
  it('links to the reader at that highlight, and says where it is', () => {
    const { doc, paper } = paperDoc()
    attachPdf(doc, ADA, paper.id, { sha256: SHA, size: 100, source: 'upload' })
    const text = 'Members keep their notes on the train.'
    const made = highlightOnPage(doc, ADA, paper.id, 3, text, 'their notes')
    highlight(doc, ADA, paper, 'replay helps')
    const { view } = renderPaper(doc, paper.id)
    const link = screen.getByRole('link', { name: 'On page 3 of the PDF' })
    expect(link.getAttribute('href')).toBe(pdfReaderHref(view.groupId, paper.id, made.id))
    expect(link.closest('p')!.textContent).toBe('On page 3 of the PDF.')
    // The abstract's highlight is shown in the text, as before.
    expect(screen.getAllByRole('button', { name: 'Show in text' })).toHaveLength(1)
  })
})

describe('a PDF highlight made on an earlier PDF of the paper', () => {
  it('says, on the paper’s page, that it may no longer be found in the PDF it has now', async () => {
    const { doc, paper } = paperDoc()
    attachPdf(doc, ADA, paper.id, { sha256: SHA, size: 100, source: 'upload' })
    const text = 'Members keep their notes on the train.'
    highlightOnPage(doc, ADA, paper.id, 3, text, 'their notes')
    renderPaper(doc, paper.id)
    const onThis = screen.getByRole('link', { name: 'On page 3 of the PDF' })
    // The PDF is replaced by another file.
    attachPdf(doc, { ...ADA, now: ADA.now! + 1000 }, paper.id, {
      sha256: 'b'.repeat(64),
      size: 200,
      source: 'upload',
    })
    const link = await screen.findByRole('link', { name: 'On page 3 of an earlier PDF' })
    expect(link.getAttribute('href')).toBe(onThis.getAttribute('href'))
    expect(link.closest('p')!.textContent).toBe(
      'On page 3 of an earlier PDF of this paper: it may no longer be found in the one it has now.',
    )
  })
})

describe('the reader opened at a highlight', () => {
  it('selects it, opens its note in the sheet on a phone and focuses it, not the last page read', async () => {
    column = measuredColumn(340)
    const pages = scrolledPages()
    const setup = readerDoc()
    // Page 1's highlight is the one asked for; the member last read page 2.
    const first = highlightOnPage(
      setup.doc,
      ADA,
      setup.paper.id,
      1,
      setup.texts[0]!,
      'meets on Thursdays',
      'Every week',
    )
    renderReader(setup, { narrow: true, target: first.id, resume: 2 })
    const handle = screen.getByRole('button', { name: 'Annotations on the PDF (3)' })
    await waitFor(() => expect(handle.getAttribute('aria-expanded')).toBe('true'))
    const entry = screen.getByText('meets on Thursdays').closest('article')!
    await waitFor(() => expect(entry.contains(document.activeElement)).toBe(true))
    expect(entry.classList.contains('is-selected')).toBe(true)
    expect(entry.textContent).toContain('Every week')
    // Its page is brought near so that it is drawn; the page last read is not gone to.
    await waitFor(() => expect(pages).toContain(1))
    expect(pages).not.toContain(2)
  })

  it('goes back to the last page read when no highlight is named', async () => {
    column = measuredColumn(340)
    const pages = scrolledPages()
    renderReader(readerDoc(), { resume: 2 })
    await waitFor(() => expect(pages).toEqual([2]))
  })

  it('opens an orphaned highlight in the panel, saying why it is not on any page', async () => {
    column = measuredColumn(900)
    const setup = readerDoc()
    renderReader(setup, { target: setup.orphaned.id })
    const entry = screen.getByText('said this sentence').closest('article')!
    await waitFor(() => expect(entry.contains(document.activeElement)).toBe(true))
    expect(entry.textContent).toMatch(/Orphaned: its passage is no longer found in this PDF/)
    expect(within(entry).queryByRole('button', { name: 'Show on the page' })).toBeNull()
  })

  it('follows the address to another highlight, and says when one is not in the group', async () => {
    column = measuredColumn(900)
    const setup = readerDoc()
    const { setTarget } = renderReader(setup, { target: 'NoSuchAnnotation' })
    const missing = await screen.findByText(
      'The annotation this link leads to is not in the group: it may have been deleted.',
    )
    expect(missing.getAttribute('role')).toBe('status')
    setTarget(setup.onPage.id)
    const entry = screen.getByText('Members keep their notes on the train.').closest('article')!
    await waitFor(() => expect(entry.contains(document.activeElement)).toBe(true))
    expect(entry.classList.contains('is-selected')).toBe(true)
    expect(screen.queryByText(/this link leads to/)).toBeNull()
  })

  it('offers, in the reader, to show a page’s highlight on its page rather than a link', async () => {
    renderReader()
    const entry = screen.getByText('Members keep their notes on the train.').closest('article')!
    expect(within(entry).queryByRole('link')).toBeNull()
    expect(entry.textContent).toContain('On page 2 of the PDF.')
    await userEvent.click(within(entry).getByRole('button', { name: 'Show on the page' }))
    expect(entry.classList.contains('is-selected')).toBe(true)
  })
})
