import { describe, expect, it } from 'vitest'
import { screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { renderReader } from './pdf-reader-setup'

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
    // Said of the PDF, not of the abstract: its passage was on a page of another file.
    const entry = within(orphaned).getByText('said this sentence').closest('article')!
    expect(entry.textContent).toContain(
      'Orphaned: its passage is no longer found in this PDF (the paper’s PDF may have been replaced by another file), so it is not highlighted.',
    )
    expect(panel.textContent).not.toContain('abstract')
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
