import { afterAll, beforeAll, expect, inject } from 'vitest'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { launchBrowser } from './browser'
import { startDemoServer, type DemoServer } from './demo-server'
import { waitForServiceWorkerControl } from './service-worker'

/** Sync and page loads get time on a slow CI machine; a failing assertion still fails. */
export const WITHIN = { timeout: 15_000 }
export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }

/** What the page's sync status says: 'synced', 'offline', … */
export function syncStatus(page: Page): Promise<string | null> {
  return page.locator('.sync-status').getAttribute('data-status')
}

/** Collects the page's uncaught errors into `errors`. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message))
}

/**
 * Joins a group by its invite link as a new member called `name`, and waits until the page is
 * synced and the app is installed for offline use: offline, the pages not opened yet come from
 * the service worker's precache, which on a busy machine takes a moment after the first load.
 */
export async function join(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join the group' }).click()
  await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
  await waitForServiceWorkerControl(page)
}

/** Opens a paper of group `groupId` from its library, by searching for its title. */
export async function openPaper(page: Page, groupId: string, title: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#g/${groupId}`)
  await page.getByLabel('Search papers').fill(title)
  await page.getByRole('link', { name: title, exact: true }).first().click()
  await page.getByRole('heading', { name: title, level: 2 }).waitFor(WITHIN)
}

/** Opens a paper and tags it `tag`, waiting until the tag shows on it. */
export async function tagPaper(page: Page, groupId: string, title: string, tag: string) {
  await openPaper(page, groupId, title)
  await page.getByLabel('Add a tag').fill(tag)
  await page.getByRole('button', { name: 'Add tag' }).click()
  await page.getByRole('button', { name: `Remove tag ${tag}` }).waitFor(WITHIN)
}

/** Ada on a desktop and Ben on a phone, each in a browser context of their own. */
export interface TwoMembers {
  demo: DemoServer
  browser: Browser
  ada: BrowserContext
  ben: BrowserContext
  adaPage: Page
  benPage: Page
  /** Uncaught errors of either page. */
  errors: string[]
  close(): Promise<void>
}

/** Starts the demo server on the built app in `appDir` and opens Ada's and Ben's browsers. */
export async function openTwoMembers(
  appDir: string,
  options: { ben?: BrowserContextOptions } = {},
): Promise<TwoMembers> {
  const demo = await startDemoServer(appDir)
  const browser = await launchBrowser()
  const ada = await browser.newContext({ viewport: DESKTOP })
  const ben = await browser.newContext({ ...PHONE, ...options.ben })
  const adaPage = await ada.newPage()
  const benPage = await ben.newPage()
  const errors: string[] = []
  watchErrors(adaPage, errors)
  watchErrors(benPage, errors)
  return {
    demo,
    browser,
    ada,
    ben,
    adaPage,
    benPage,
    errors,
    close: async () => {
      await browser.close()
      await demo.close()
    },
  }
}

/**
 * The demo server on the built app and a browser, for the calling `describe`: started before
 * its tests, closed after them. Read them from the returned object inside the tests.
 */
export function withDemoBrowser(): { readonly demo: DemoServer; readonly browser: Browser } {
  const held = {} as { demo: DemoServer; browser: Browser }
  beforeAll(async () => {
    held.demo = await startDemoServer(inject('appDir'))
    held.browser = await launchBrowser()
  })
  afterAll(async () => {
    await held.browser?.close()
    await held.demo?.close()
  })
  return held
}
