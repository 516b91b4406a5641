import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import { WITHIN, syncStatus, withDemoBrowser } from '../helpers/two-members'

function voted(page: Page) {
  return page.locator('.vote-button').getAttribute('aria-pressed')
}

// Tabs of one group do not talk to each other directly (no BroadcastChannel, see
// client/data/open-group.ts): online, each one's edits reach the other through the server.
describe('two tabs of one group on one device', () => {
  const setup = withDemoBrowser()

  it('see each other’s votes through the server while online', async () => {
    const context = await setup.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const first = await context.newPage()
    await first.goto(
      inviteLink(setup.demo.server.url, setup.demo.keys.groupId, setup.demo.keys.writeKey),
    )
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
