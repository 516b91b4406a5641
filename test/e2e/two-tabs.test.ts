import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import { launchBrowser } from '../helpers/browser'
import { startDemoServer, type DemoServer } from '../helpers/demo-server'

const WITHIN = { timeout: 15_000 }

function voted(page: Page) {
  return page.locator('.vote-button').getAttribute('aria-pressed')
}

function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
}

// Tabs of one group do not talk to each other directly (no BroadcastChannel, see
// client/data/open-group.ts): online, each one's edits reach the other through the server.
describe('two tabs of one group on one device', () => {
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

  it('see each other’s votes through the server while online', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const first = await context.newPage()
    await first.goto(inviteLink(demo.server.url, demo.keys.groupId, demo.keys.writeKey))
    await first.getByLabel('Your name').fill('Ada')
    await first.getByRole('button', { name: 'Join the group' }).click()
    await expect.poll(() => syncStatus(first), WITHIN).toBe('synced')
    await first.locator('article.feed-card a').first().click()
    await first.locator('.vote-button').waitFor(WITHIN)
    const paper = first.url()

    const second = await context.newPage()
    await second.goto(paper)
    await expect.poll(() => syncStatus(second), WITHIN).toBe('synced')
    await second.locator('.vote-button').waitFor(WITHIN)
    expect(await voted(second)).toBe('false')

    await first.locator('.vote-button').click()
    await expect.poll(() => voted(second), WITHIN).toBe('true')
    await second.locator('.vote-button').click()
    await expect.poll(() => voted(first), WITHIN).toBe('false')
    await context.close()
  })
})
