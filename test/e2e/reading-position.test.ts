import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import {
  DESKTOP,
  PHONE,
  WITHIN,
  join,
  openPaper,
  watchErrors,
  withDemoBrowser,
} from '../helpers/two-members'
import { minimalPdf } from '../fixtures/pdf'
import { SETTLE_MS } from '../../client/components/pdf-reader/create-page-keeper'

const TITLE = 'Discrete Key-Value Bottleneck'
/** Long enough pages that the first two do not fit a screen together. */
const PAGES = [1, 2, 3, 4].map((number) =>
  Array.from({ length: 30 }, (_, line) => `Page ${number}, line ${line + 1} of the paper.`),
)

/** The page the reader's toolbar says the member is on ("Page n of N"). */
async function currentPage(page: Page): Promise<number> {
  const text = await page.locator('.pdf-page-number').textContent()
  return Number(/Page (\d+)/.exec(text ?? '')?.[1])
}

/** Scrolls the reader with the mouse wheel, as the member would, until page `number` is current. */
async function scrollTo(page: Page, number: number): Promise<void> {
  const box = (await page.locator('.pdf-pages').boundingBox())!
  await page.mouse.move(box.x + box.width / 2, 400)
  await expect
    .poll(async () => {
      const now = await currentPage(page)
      if (now !== number) await page.mouse.wheel(0, now < number ? 400 : -400)
      return now
    }, WITHIN)
    .toBe(number)
}

describe('the reading position, on two devices of one member', () => {
  const held = withDemoBrowser()

  it('follows Ada from her laptop to her phone, by her device link, and back', async () => {
    const { demo, browser } = held
    const groupId = demo.keys.groupId
    const errors: string[] = []
    const laptop = await (await browser.newContext({ viewport: DESKTOP })).newPage()
    watchErrors(laptop, errors)
    await join(laptop, inviteLink(demo.server.url, groupId, demo.keys.writeKey), 'Ada')
    await openPaper(laptop, groupId, TITLE)
    await laptop.getByLabel('Attach a PDF file').setInputFiles({
      name: 'bottleneck.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(minimalPdf({ pages: PAGES })),
    })
    await laptop.getByRole('link', { name: 'Open in the reader' }).click()
    await laptop.locator('.pdf-page[data-page="1"] canvas').waitFor(WITHIN)
    await scrollTo(laptop, 3)
    // She reads page 3 for a while: a page only scrolled past is not where she is.
    await laptop.waitForTimeout(SETTLE_MS + 500)
    await laptop.getByRole('link', { name: '← Back to the paper' }).click()
    await laptop.getByRole('link', { name: 'Continue reading at page 3' }).waitFor(WITHIN)

    // Her device link, from the menu under her name.
    await laptop.locator('.profile-menu summary').click()
    await laptop.getByRole('link', { name: 'Use on another device' }).click()
    await laptop.getByRole('button', { name: 'Show my device link' }).click()
    await laptop.getByRole('img', { name: 'Your device link as a QR code' }).waitFor(WITHIN)
    const link = await laptop.getByRole('textbox', { name: 'Your device link' }).inputValue()
    expect(link).toMatch(/\/#device\/[A-Za-z0-9_-]+$/)

    const phone = await (await browser.newContext(PHONE)).newPage()
    watchErrors(phone, errors)
    await phone.goto(link)
    await phone.getByRole('heading', { name: 'Use this device as Ada?' }).waitFor(WITHIN)
    await phone.getByRole('button', { name: 'Use this device as Ada' }).tap()
    // Home, with the group, and the secret gone from the address bar.
    await phone.getByRole('link', { name: /Margins demo reading group/ }).waitFor(WITHIN)
    expect(new URL(phone.url()).hash).toBe('')

    await openPaper(phone, groupId, TITLE)
    await phone.getByRole('link', { name: 'Continue reading at page 3' }).tap()
    await expect.poll(() => currentPage(phone), WITHIN).toBe(3)
    // She is the same member on both: her votes and notes count once, under one name.
    const memberOf = (page: Page) =>
      page.evaluate(() => JSON.parse(localStorage.getItem('margins:profile')!).memberId as string)
    expect(await memberOf(phone)).toBe(await memberOf(laptop))

    // On the phone she reads on to page 4; the laptop offers page 4 next.
    await scrollTo(phone, 4)
    await phone.waitForTimeout(SETTLE_MS + 500)
    await laptop.goto(`${demo.server.url}/#g/${groupId}`)
    await openPaper(laptop, groupId, TITLE)
    await laptop.getByRole('link', { name: 'Continue reading at page 4' }).waitFor(WITHIN)
    expect(errors).toEqual([])
  })

  it('refuses a damaged device link and changes nothing', async () => {
    const { demo, browser } = held
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage()
    await page.goto(`${demo.server.url}/#device/eyJ2IjoxLCJtIjoi`)
    await page.getByRole('heading', { name: 'This device link is not valid' }).waitFor(WITHIN)
    expect(await page.evaluate(() => localStorage.getItem('margins:profile'))).toBeNull()
  })
})
