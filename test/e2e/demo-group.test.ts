import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import * as Y from 'yjs'
import { inviteLink, privateKeysOf, type GroupKeys } from '../../shared/invite'
import { listMembers } from '../../shared/model'
import type { SyncServer } from '../../server/sync-server'
import type { DocStore } from '../../server/store/doc-store'
import { startDemoServer, type DemoServer } from '../helpers/demo-server'
import { launchBrowser } from '../helpers/browser'
import { waitForServiceWorkerControl } from '../helpers/service-worker'
import { watchErrors } from '../helpers/two-members'

const DEMO_NAME = 'Margins demo reading group'
const DEMO_PAPERS = '68 papers'
const KNOWN_TITLE = 'Discrete Key-Value Bottleneck'
/** Screenshots go outside the repo, for a human to look at after a run. */
const SHOTS = join(tmpdir(), 'margins-e2e-screenshots')

/** Sync and page loads get time on a slow CI machine; a failing assertion still fails. */
const WITHIN = { timeout: 15_000 }
const MOBILE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }

/** The papers of the library section that are on screen (the feed renders only those). */
function papers(page: Page) {
  return page.getByRole('region', { name: 'Library' }).getByRole('article')
}

/** The library's count of papers, which shows once the group's document is loaded. */
function libraryCount(page: Page) {
  return page.locator('.result-count').textContent()
}

function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
}

describe('the demo group in Chromium', () => {
  let demo: DemoServer
  let store: DocStore
  let server: SyncServer
  let keys: GroupKeys
  let browser: Browser
  let member: BrowserContext
  let memberPage: Page
  const serverLog: string[] = []
  const pageErrors: string[] = []
  const socketUrls: string[] = []

  beforeAll(async () => {
    demo = await startDemoServer(inject('appDir'), (line) => serverLog.push(line))
    ;({ store, server, keys } = demo)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it('lets a member join from the invite link and shows the library once synced', async () => {
    member = await browser.newContext({ viewport: MOBILE })
    memberPage = await member.newPage()
    watchErrors(memberPage, pageErrors)
    memberPage.on('websocket', (socket) => socketUrls.push(socket.url()))

    await memberPage.goto(inviteLink(server.url, keys.groupId, keys.writeKey))
    // The invite is accepted and the key leaves the address bar and the history entry.
    await memberPage.waitForURL(`${server.url}/#g/${keys.groupId}`)

    await memberPage.getByRole('heading', { name: 'Who are you?' }).waitFor()
    await memberPage.screenshot({ path: join(SHOTS, 'first-run-360.png') })
    await memberPage.getByLabel('Your name').fill('Zoë <b>Ada</b>')
    await memberPage.getByRole('radio', { name: 'Green' }).check()
    await memberPage.getByRole('button', { name: 'Join the group' }).click()

    await expect.poll(() => syncStatus(memberPage), WITHIN).toBe('synced')
    await expect.poll(() => libraryCount(memberPage), WITHIN).toBe(DEMO_PAPERS)
    expect(await memberPage.getByRole('heading', { level: 1 }).textContent()).toBe(DEMO_NAME)
    await papers(memberPage).getByRole('link', { name: KNOWN_TITLE, exact: true }).waitFor()
    expect(await memberPage.getByText('Read-only', { exact: true }).count()).toBe(0)
    // The name is text, never markup.
    const profileButton = memberPage.locator('summary', { hasText: 'Zoë <b>Ada</b>' })
    await profileButton.waitFor()
    expect(await memberPage.getByRole('heading', { name: 'Who are you?' }).count()).toBe(0)
    await memberPage.screenshot({ path: join(SHOTS, 'library-360.png') })

    // The profile reached the server's durable copy, written once through the shared model.
    await expect
      .poll(async () => {
        const doc = new Y.Doc()
        for (const update of await store.load(keys.groupId)) Y.applyUpdate(doc, update)
        return listMembers(doc).map((m) => `${m.name} ${m.colour}`)
      }, WITHIN)
      .toContain('Zoë <b>Ada</b> #1b7f5f')

    // The key travelled only as the sync token, and the server never logged it. The other
    // socket is the member's private document (read marks, reading positions), opened with a
    // key that only their secret derives, not the group's.
    const secret = await memberPage.evaluate(() => localStorage.getItem('margins:member-secret'))
    const mine = privateKeysOf(keys.groupId, secret ?? '')
    const sync = `${server.url.replace('http:', 'ws:')}/sync`
    expect(socketUrls.sort()).toEqual(
      [
        `${sync}/${keys.groupId}?token=${keys.writeKey}`,
        `${sync}/${mine.groupId}?token=${mine.writeKey}`,
      ].sort(),
    )
    expect(serverLog.join('\n')).not.toContain(keys.writeKey)
    expect(pageErrors).toEqual([])
  })

  it('shows the same papers and a read-only badge to a reader with the read-only link', async () => {
    const reader = await browser.newContext({ viewport: DESKTOP })
    const page = await reader.newPage()
    watchErrors(page, pageErrors)
    await page.goto(inviteLink(server.url, keys.groupId, keys.readKey))

    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
    await page.getByText('Read-only', { exact: true }).waitFor()
    await papers(page).getByRole('link', { name: KNOWN_TITLE, exact: true }).waitFor()
    // A reader cannot write, so no profile is asked for.
    expect(await page.getByRole('heading', { name: 'Who are you?' }).count()).toBe(0)
    // The same papers in the same order, as far as the smaller screen shows them.
    const titles = async (of: Page) =>
      (await papers(of).getByRole('heading').getByRole('link').allTextContents()).slice(0, 4)
    expect(await titles(page)).toEqual(await titles(memberPage))
    await page.screenshot({ path: join(SHOTS, 'library-read-only-1280.png') })
    expect(serverLog.join('\n')).not.toContain(keys.readKey)
    expect(pageErrors).toEqual([])
    await reader.close()
  })

  it('shows when the network goes away, and synced again once it is back', async () => {
    // Installed first: a worker still precaching when the network goes away fails to install,
    // and the browser tries again only at the next page load.
    await waitForServiceWorkerControl(memberPage)
    await member.setOffline(true)
    await expect.poll(() => syncStatus(memberPage), WITHIN).toBe('offline')
    expect(await libraryCount(memberPage)).toBe(DEMO_PAPERS)
    await member.setOffline(false)
    await expect.poll(() => syncStatus(memberPage), WITHIN).toBe('synced')
    expect(pageErrors).toEqual([])
  })

  it('still shows the library from IndexedDB after an offline reload', async () => {
    // The service worker installed on the first visit serves the app; IndexedDB the group.
    await waitForServiceWorkerControl(memberPage)
    await member.setOffline(true)
    const reloaded = await memberPage.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)

    await expect.poll(() => libraryCount(memberPage), WITHIN).toBe(DEMO_PAPERS)
    expect(await syncStatus(memberPage)).toBe('offline')
    expect(await memberPage.getByRole('heading', { level: 1 }).textContent()).toBe(DEMO_NAME)
    await papers(memberPage).getByRole('link', { name: KNOWN_TITLE, exact: true }).waitFor()
    await memberPage.screenshot({ path: join(SHOTS, 'offline-360.png') })
    expect(pageErrors).toEqual([])
    await member.close()
  })
})
