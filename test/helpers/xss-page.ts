import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { PageToCheck } from './xss-expect'

/** The sync status the header shows: offline, connecting, syncing or synced. */
export function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
}

/** Selects `phrase` in the open paper's abstract and lets go of the mouse. */
export async function selectInAbstract(page: Page, phrase: string): Promise<void> {
  const found = await page.evaluate((text) => {
    const root = document.querySelector('.abstract-text')
    if (!root) return false
    const nodes: Text[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('[data-offset-ignore]')) nodes.push(node as Text)
    }
    const whole = nodes.map((node) => node.data).join('')
    const start = whole.indexOf(text)
    if (start < 0) return false
    const at = (offset: number): [Text, number] => {
      let seen = 0
      for (const node of nodes) {
        if (offset <= seen + node.data.length) return [node, offset - seen]
        seen += node.data.length
      }
      throw new Error('offset past the end')
    }
    const range = document.createRange()
    range.setStart(...at(start))
    range.setEnd(...at(start + text.length))
    const selection = document.getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
    return true
  }, phrase)
  expect(found, `"${phrase}" in the abstract`).toBe(true)
  await page.locator('.abstract-text').dispatchEvent('mouseup')
}

/**
 * Waits until the page shows every marker it should and its math is typeset, or at most a few
 * seconds: a page that never shows a marker is reported by the caller, not waited on for long.
 */
export async function settle(page: Page, check: PageToCheck, timeout = 5_000): Promise<void> {
  await page
    .waitForFunction(
      (wanted) => {
        for (const details of document.querySelectorAll('details')) details.open = true
        if (document.querySelector('.math:not(.math-typeset)')) return false
        const text = [
          document.body.innerText,
          ...[...document.querySelectorAll('textarea, input')].map(
            (field) => (field as HTMLInputElement).value,
          ),
          ...[...document.querySelectorAll('option')].map((option) => option.textContent),
        ].join('\n')
        return wanted.every((marker) => text.includes(marker))
      },
      [...check.markers],
      { timeout, polling: 100 },
    )
    .catch(() => undefined)
}
