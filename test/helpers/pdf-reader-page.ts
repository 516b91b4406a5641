import type { Page } from 'playwright-core'

/** The text layer's span holding `text` on page `page`, once the page is drawn. */
export function span(page: Page, number: number, text: string) {
  return page.locator(`.pdf-page[data-page="${number}"] .textLayer span`, { hasText: text })
}

/** Selects the whole of a text layer span's text, as a drag over it would. */
export async function selectSpan(page: Page, number: number, text: string): Promise<void> {
  await span(page, number, text).first().scrollIntoViewIfNeeded()
  await span(page, number, text)
    .first()
    .evaluate((element) => {
      const range = document.createRange()
      range.selectNodeContents(element)
      const selection = document.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
      document.dispatchEvent(new MouseEvent('mouseup'))
    })
}
