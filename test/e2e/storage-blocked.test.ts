import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import { launchBrowser } from '../helpers/browser'
import { startDemoServer, type DemoServer } from '../helpers/demo-server'

const WITHIN = { timeout: 15_000 }

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
  let demo: DemoServer
  let browser: Browser

  beforeAll(async () => {
    demo = await startDemoServer(inject('appDir'))
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it('still opens the group from the server and says that nothing is kept offline', async () => {
    const context = await browser.newContext()
    await context.addInitScript(blockIndexedDb)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(inviteLink(demo.server.url, demo.keys.groupId, demo.keys.readKey))

    await expect
      .poll(() => page.locator('.sync-status').getAttribute('data-status'), WITHIN)
      .toBe('synced')
    await expect.poll(() => page.locator('.result-count').textContent(), WITHIN).toBe('68 papers')
    await page.getByText('does not let Margins keep the group on this device').waitFor(WITHIN)
    expect(errors).toEqual([])
    await context.close()
  })
})
