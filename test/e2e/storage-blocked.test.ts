import { describe, expect, it } from 'vitest'
import { inviteLink } from '../../shared/invite'
import { WITHIN, withDemoBrowser } from '../helpers/two-members'

/**
 * Makes every IndexedDB open fail asynchronously, as Chromium does when site data is blocked or
 * its backing store is broken: each open asks for a version below the one already there.
 */
function blockIndexedDb(): void {
  const open = IDBFactory.prototype.open
  const factory = window.indexedDB
  open.call(factory, 'blocked-store', 2)
  IDBFactory.prototype.open = function () {
    return open.call(this, 'blocked-store', 1)
  }
}

describe('a browser that cannot keep data', () => {
  const setup = withDemoBrowser()

  it('still opens the group from the server and says that nothing is kept offline', async () => {
    const context = await setup.browser.newContext()
    await context.addInitScript(blockIndexedDb)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(
      inviteLink(setup.demo.server.url, setup.demo.keys.groupId, setup.demo.keys.readKey),
    )

    await expect
      .poll(() => page.locator('.sync-status').getAttribute('data-status'), WITHIN)
      .toBe('synced')
    await expect.poll(() => page.locator('.result-count').textContent(), WITHIN).toBe('68 papers')
    await page.getByText('does not let Margins keep the group on this device').waitFor(WITHIN)
    expect(errors).toEqual([])
    await context.close()
  })
})
