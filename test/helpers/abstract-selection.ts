import { expect } from 'vitest'
import type { Page } from 'playwright-core'

/**
 * Selects `phrase` inside the open paper's abstract, as a mouse drag (then lets go) or, with
 * `mouse` false, as a finger on the selection handles would (selectionchange only, no mouseup).
 * `anyCase` finds the phrase whatever its letter case.
 */
export async function selectInAbstract(
  page: Page,
  phrase: string,
  options: { mouse?: boolean; anyCase?: boolean } = {},
): Promise<void> {
  const found = await page.evaluate(
    ({ text, anyCase }) => {
      const root = document.querySelector('.abstract-text')
      if (!root) return false
      const nodes: Text[] = []
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('[data-offset-ignore]')) nodes.push(node as Text)
      }
      const whole = nodes.map((node) => node.data).join('')
      const start = anyCase ? whole.toLowerCase().indexOf(text.toLowerCase()) : whole.indexOf(text)
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
      const selection = document.getSelection()
      if (!selection) return false
      selection.removeAllRanges()
      selection.addRange(range)
      return true
    },
    { text: phrase, anyCase: options.anyCase ?? false },
  )
  expect(found, `"${phrase}" in the abstract`).toBe(true)
  if (options.mouse ?? true) await page.locator('.abstract-text').dispatchEvent('mouseup')
}
