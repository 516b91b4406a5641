import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { arrivingTexts, measuredColumn, readerDoc, renderReader } from './pdf-reader-setup'

let column: { restore: () => void } | undefined

afterEach(() => {
  column?.restore()
  column = undefined
  vi.unstubAllGlobals()
})

const panel = () => screen.getByRole('complementary', { name: /^Annotations on the PDF/ })

describe('the reader, while the pages’ texts arrive', () => {
  it('shows the pages at once, and calls a highlight orphaned only once every page is read', () => {
    const texts = arrivingTexts()
    renderReader(readerDoc(), { texts })
    expect(screen.getAllByRole('group', { name: /^Page \d of 2$/ })).toHaveLength(2)
    // Listed on the pages they were made on, not orphaned: their pages are not read yet.
    const note = within(panel()).getByText('Members keep their notes on the train.')
    expect(note.closest('article')!.textContent).toContain('On page 2 of the PDF.')
    expect(within(panel()).queryByRole('heading', { name: /^Orphaned/ })).toBeNull()

    // Page 1 is read: the highlight made on it is not there, but may be on page 2.
    texts.arrive(1)
    expect(within(panel()).queryByRole('heading', { name: /^Orphaned/ })).toBeNull()
    const other = within(panel()).getByText('said this sentence').closest('article')!
    expect(other.textContent).toContain('On page 1 of the PDF.')
    expect(other.textContent).not.toContain('Orphaned')

    texts.arrive(2)
    const orphaned = within(panel()).getByRole('heading', { name: 'Orphaned (1)' })
    expect(orphaned.closest('section')!.textContent).toContain('said this sentence')
  })

  it('finds words on the pages read so far, and says how many are still being read', async () => {
    const texts = arrivingTexts()
    renderReader(readerDoc(), { texts })
    texts.arrive(1)
    const find = screen.getByRole('searchbox', { name: 'Find in the PDF' })
    await userEvent.type(find, 'page{Enter}')
    const status = () => document.querySelector('.pdf-find-status')!.textContent
    expect(status()).toBe('Match 1 of 1, on page 1. The text of 1 page is still being read.')
    texts.arrive(2)
    await userEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(status()).toBe('Match 1 of 2, on page 1.')
    await userEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(status()).toBe('Match 2 of 2, on page 2.')
  })

  it('reads the page of the highlight asked for first, or else the page left off at', () => {
    column = measuredColumn(600)
    const setup = readerDoc()
    const asked = arrivingTexts()
    renderReader(setup, { texts: asked, target: setup.onPage.id, resume: 1 })
    expect(asked.wanted).toEqual([2])
    document.body.innerHTML = ''
    const resumed = arrivingTexts()
    renderReader(readerDoc(), { texts: resumed, resume: 2 })
    expect(resumed.wanted).toEqual([2])
  })
})
