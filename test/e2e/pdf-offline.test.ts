import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import type { DemoServer } from '../helpers/demo-server'
import {
  WITHIN,
  join,
  openPaper,
  openTwoMembers,
  syncStatus,
  type TwoMembers,
} from '../helpers/two-members'
import { minimalPdf } from '../fixtures/pdf'

const TITLE = 'Discrete Key-Value Bottleneck'

/** What the page made object URLs of, with the URLs, in order. */
type Opened = Array<{ url: string; blob: Blob }>

/**
 * Clicks "Open PDF" and gives the first bytes of the file the new tab was sent to. The context
 * is offline, which in Chromium's emulation fails even a `blob:` fetch: the page's own object
 * URLs are noted as it makes them, and the tab must be at one of them.
 */
async function openedPdfHead(page: Page): Promise<string> {
  await page.evaluate(() => {
    const opened: Opened = []
    Object.assign(window, { openedForTest: opened })
    const create = URL.createObjectURL.bind(URL)
    URL.createObjectURL = (blob: Blob) => {
      const url = create(blob)
      opened.push({ url, blob })
      return url
    }
  })
  const popup = page.context().waitForEvent('page', WITHIN)
  await page.getByRole('button', { name: 'Open PDF' }).click()
  const tab = await popup
  // Headless Chromium may save a PDF as a download rather than show it: either way the tab
  // was sent to the address.
  const download = tab.waitForEvent('download', WITHIN).then(
    (file) => file.url(),
    () => undefined,
  )
  const shown = tab.waitForURL(/^blob:/, WITHIN).then(
    () => tab.url(),
    () => undefined,
  )
  const url = await Promise.race([download, shown])
  expect(url).toMatch(/^blob:/)
  return page.evaluate(async (address) => {
    const opened = (window as unknown as { openedForTest: Opened }).openedForTest
    const blob = opened.find((entry) => entry.url === address)?.blob
    return blob ? new TextDecoder('latin1').decode(await blob.slice(0, 5).arrayBuffer()) : 'none'
  }, url)
}

describe('a PDF kept on the device opens with no network, in Chromium', () => {
  let members: TwoMembers
  let demo: DemoServer
  let ben: BrowserContext
  let adaPage: Page
  let benPage: Page
  let groupId: string

  beforeAll(async () => {
    members = await openTwoMembers(inject('appDir'), { ben: { acceptDownloads: true } })
    ;({ demo, ben, adaPage, benPage } = members)
    groupId = demo.keys.groupId
  })

  afterAll(async () => {
    await members?.close()
  })

  it('lets Ada attach a PDF with the file picker', async () => {
    const link = inviteLink(demo.server.url, groupId, demo.keys.writeKey)
    await join(adaPage, link, 'Ada')
    await openPaper(adaPage, groupId, TITLE)
    const pdf = minimalPdf({ pages: ['Page one of the bottleneck', 'Page two'] })
    await adaPage.getByLabel('Attach a PDF file').setInputFiles({
      name: 'bottleneck.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    })
    await adaPage.getByRole('button', { name: 'Open PDF' }).waitFor(WITHIN)
    const section = adaPage.getByRole('region', { name: 'PDF' })
    expect(await section.textContent()).toContain('bottleneck.pdf')
    expect(await section.textContent()).toContain('added by Ada')
  })

  it('lets Ben keep it offline on his phone, then open it after an offline reload', async () => {
    const link = inviteLink(demo.server.url, groupId, demo.keys.writeKey)
    await join(benPage, link, 'Ben')
    await openPaper(benPage, groupId, TITLE)
    await benPage.getByRole('button', { name: 'Keep offline' }).tap()
    await benPage.locator('.pdf-kept').waitFor(WITHIN)

    await ben.setOffline(true)
    const reloaded = await benPage.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await benPage.getByRole('heading', { name: TITLE, level: 2 }).waitFor(WITHIN)
    expect(await syncStatus(benPage)).toBe('offline')
    await benPage.locator('.pdf-kept').waitFor(WITHIN)
    expect(await openedPdfHead(benPage)).toBe('%PDF-')

    await benPage.getByRole('link', { name: 'PDFs kept on this device' }).tap()
    const kept = benPage.getByRole('list', { name: 'Kept PDFs, largest first' })
    await kept.getByRole('link', { name: TITLE }).waitFor(WITHIN)
    expect(await kept.getByRole('listitem').count()).toBe(1)
    expect(members.errors).toEqual([])
  })

  it('warns Ben, still offline, before freeing it, and lets him undo freeing it', async () => {
    const kept = benPage.getByRole('list', { name: 'Kept PDFs, largest first' })
    await kept.getByRole('button', { name: /^Free / }).tap()
    const warning = benPage.getByRole('alert')
    await warning.waitFor(WITHIN)
    expect(await warning.textContent()).toContain(
      'You are offline: once freed, Discrete Key-Value Bottleneck cannot be downloaded again until this device is back online.',
    )
    await warning.getByRole('button', { name: 'Keep it' }).tap()
    expect(await kept.getByRole('listitem').count()).toBe(1)

    await benPage.getByRole('button', { name: /^Free all/ }).tap()
    await benPage.getByRole('alert').getByRole('button', { name: 'Free anyway' }).tap()
    await benPage.getByText('No PDFs are kept on this device.').waitFor(WITHIN)
    await benPage.getByRole('button', { name: 'Undo' }).tap()
    await kept.getByRole('link', { name: TITLE }).waitFor(WITHIN)
    // Not freed in the meantime: it still opens with no network.
    await kept.getByRole('link', { name: TITLE }).tap()
    await benPage.locator('.pdf-kept').waitFor(WITHIN)
    expect(await openedPdfHead(benPage)).toBe('%PDF-')
    expect(members.errors).toEqual([])
  })
})
