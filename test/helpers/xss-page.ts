import type { Page } from 'playwright-core'
import type { PageToCheck } from './xss-expect'

/** The sync status the header shows: offline, connecting, syncing or synced. */
export function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
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
