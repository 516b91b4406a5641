import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
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
import { selectSpan, span } from '../helpers/pdf-reader-page'
import { SETTLE_MS } from '../../client/components/pdf-reader/create-page-keeper'

/** Sync and page loads get time on a slow CI machine; a failing assertion still fails. */
const TITLE = 'Discrete Key-Value Bottleneck'
const SENTENCE = 'Members keep their notes on the train.'
const PAGES = [
  ['A reading group meets on Thursdays.', 'This is the first page.'],
  ['The second page begins here.', SENTENCE, 'The last line of page two.'],
  ['Page three has the references.'],
]
const NOTE = 'Read this on the way home'

describe('the PDF reader, offline, with a highlight on page 2', () => {
  let members: TwoMembers
  let demo: DemoServer
  let ben: BrowserContext
  let adaPage: Page
  let benPage: Page
  let groupId: string

  beforeAll(async () => {
    members = await openTwoMembers(inject('appDir'))
    ;({ demo, ben, adaPage, benPage } = members)
    groupId = demo.keys.groupId
  })

  afterAll(async () => {
    await members?.close()
  })

  it('lets Ada attach a three-page PDF', async () => {
    await join(adaPage, inviteLink(demo.server.url, groupId, demo.keys.writeKey), 'Ada')
    await openPaper(adaPage, groupId, TITLE)
    await adaPage.getByLabel('Attach a PDF file').setInputFiles({
      name: 'bottleneck.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(minimalPdf({ pages: PAGES })),
    })
    await adaPage.getByRole('link', { name: 'Open in the reader' }).waitFor(WITHIN)
  })

  it('lets Ben, offline after a reload, highlight a sentence on page 2 with a note', async () => {
    await join(benPage, inviteLink(demo.server.url, groupId, demo.keys.writeKey), 'Ben')
    await openPaper(benPage, groupId, TITLE)
    await benPage.getByRole('button', { name: 'Keep offline' }).tap()
    await benPage.locator('.pdf-kept').waitFor(WITHIN)

    await ben.setOffline(true)
    const reloaded = await benPage.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await benPage.getByRole('heading', { name: TITLE, level: 2 }).waitFor(WITHIN)
    expect(await syncStatus(benPage)).toBe('offline')

    await benPage.getByRole('link', { name: 'Open in the reader' }).tap()
    await benPage.getByRole('group', { name: 'Page 1 of 3' }).waitFor(WITHIN)
    await span(benPage, 2, SENTENCE).first().waitFor(WITHIN)
    // Fit to the width of the phone: no page is wider than the screen.
    const widths = await benPage
      .locator('.pdf-page')
      .evaluateAll((pages) => pages.map((page) => page.getBoundingClientRect().right))
    expect(Math.max(...widths)).toBeLessThanOrEqual(360)

    await selectSpan(benPage, 2, SENTENCE)
    await benPage.getByRole('button', { name: 'Add note' }).tap()
    await benPage.getByLabel('Note', { exact: true }).fill(NOTE)
    await benPage.getByRole('button', { name: 'Save note' }).tap()
    const mark = benPage.locator('.pdf-page[data-page="2"] button.pdf-mark')
    await mark.waitFor(WITHIN)
    expect(await mark.getAttribute('aria-label')).toBe(`Ben’s note: “${SENTENCE}”`)
    expect(members.errors).toEqual([])
  })

  it('shows Ada, once Ben is back online, the highlight on page 2 with his note', async () => {
    await ben.setOffline(false)
    await expect.poll(() => syncStatus(benPage), WITHIN).toBe('synced')

    await adaPage.getByRole('link', { name: 'Open in the reader' }).click()
    const mark = adaPage.locator('.pdf-page[data-page="2"] button.pdf-mark')
    await mark.waitFor(WITHIN)
    expect(await mark.getAttribute('aria-label')).toBe(`Ben’s note: “${SENTENCE}”`)
    // Ben is still in the reader on his phone: Ada sees which page he is on.
    await adaPage.getByRole('button', { name: /^Ben is on page [123]$/ }).waitFor(WITHIN)
    // Clicking the highlighted text opens its note in the panel.
    await mark.scrollIntoViewIfNeeded()
    const box = (await mark.boundingBox())!
    await adaPage.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    const entry = adaPage.locator('.annotation.is-selected')
    await entry.waitFor(WITHIN)
    expect(await entry.textContent()).toContain(NOTE)
    expect(await entry.textContent()).toContain('On page 2 of the PDF.')
    expect(
      await adaPage.evaluate(() => document.activeElement?.closest('.annotation') !== null),
    ).toBe(true)
    expect(members.errors).toEqual([])
  })

  it('takes Ben on his phone from the note on the paper’s page to the highlight in the reader', async () => {
    await benPage.getByRole('link', { name: '← Back to the paper' }).tap()
    await benPage.getByRole('heading', { name: TITLE, level: 2 }).waitFor(WITHIN)
    await benPage.getByRole('button', { name: /^Annotations \(\d+\)$/ }).tap()
    await benPage.getByRole('link', { name: 'On page 2 of the PDF' }).tap()

    const handle = benPage.getByRole('button', { name: /^Annotations on the PDF \(\d+\)$/ })
    await handle.waitFor(WITHIN)
    const entry = benPage.locator('.pdf-panel .annotation.is-selected')
    await entry.waitFor(WITHIN)
    expect(await entry.textContent()).toContain(NOTE)
    expect(await handle.getAttribute('aria-expanded')).toBe('true')
    await expect
      .poll(() => benPage.evaluate(() => document.activeElement?.closest('.annotation') !== null))
      .toBe(true)
    // The highlight, selected, is in sight between the reader's toolbar and the open sheet.
    const mark = benPage.locator('.pdf-page[data-page="2"] button.pdf-mark.is-selected')
    await mark.waitFor(WITHIN)
    await expect.poll(() => inSight(benPage, mark), WITHIN).toBe(true)
    expect(members.errors).toEqual([])
  })

  it('takes Ada there by keyboard, rather than to the page she last read', async () => {
    await scrollToPage(adaPage, 3)
    await adaPage.waitForTimeout(SETTLE_MS + 500)
    await adaPage.getByRole('link', { name: '← Back to the paper' }).click()
    await adaPage.getByRole('link', { name: 'Continue reading at page 3' }).waitFor(WITHIN)

    const link = adaPage.getByRole('link', { name: 'On page 2 of the PDF' })
    await link.focus()
    await adaPage.keyboard.press('Enter')

    const entry = adaPage.locator('.pdf-panel .annotation.is-selected')
    await entry.waitFor(WITHIN)
    expect(await entry.textContent()).toContain(NOTE)
    await expect
      .poll(() => adaPage.evaluate(() => document.activeElement?.closest('.annotation') !== null))
      .toBe(true)
    const mark = adaPage.locator('.pdf-page[data-page="2"] button.pdf-mark.is-selected')
    await mark.waitFor(WITHIN)
    await expect.poll(() => inSight(adaPage, mark), WITHIN).toBe(true)
    expect(await adaPage.locator('.pdf-page-number').textContent()).toMatch(/^Page 2 of/)
    // From the panel, the keyboard reaches the highlight on its page.
    await entry.getByRole('button', { name: 'Show on the page' }).click()
    await expect
      .poll(() => adaPage.evaluate(() => document.activeElement?.matches('button.pdf-mark')))
      .toBe(true)
    expect(members.errors).toEqual([])
  })

  it('tells Ben, before he saves, that a selection across two pages keeps only the first', async () => {
    // The sheet he opened the note in is closed first: it would cover the selection's tools.
    await benPage.getByRole('button', { name: /^Annotations on the PDF \(\d+\)$/ }).tap()
    await span(benPage, 1, 'This is the first page.').first().scrollIntoViewIfNeeded()
    await span(benPage, 2, 'The second page begins here.').first().waitFor(WITHIN)
    await benPage.evaluate(() => {
      const [from, to] = ['1', '2'].map((page) =>
        [...document.querySelectorAll(`.pdf-page[data-page="${page}"] .textLayer span`)].find(
          (element) => /first page|second page/.test(element.textContent ?? ''),
        ),
      )
      const range = document.createRange()
      range.setStart(from!.firstChild!, 8)
      range.setEnd(to!.firstChild!, 10)
      const selection = document.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
      document.dispatchEvent(new MouseEvent('mouseup'))
    })
    const notice = benPage.locator('.pdf-selection-notice')
    await expect
      .poll(() => notice.textContent(), WITHIN)
      .toBe(
        'Only the part on page 1 will be highlighted: a highlight stays on one page. Select the rest on page 2 to highlight it too.',
      )
    expect(await notice.isVisible()).toBe(true)
    await benPage.getByRole('button', { name: 'Highlight', exact: true }).tap()
    const mark = benPage.locator('.pdf-page[data-page="1"] button.pdf-mark')
    await mark.waitFor(WITHIN)
    expect(await mark.getAttribute('aria-label')).toBe('Ben’s highlight: “the first page.”')
    expect(await notice.textContent()).toBe('')
    expect(members.errors).toEqual([])
  })
})

/** Whether `mark` is on screen, below the reader's sticky toolbar and above an open sheet. */
async function inSight(page: Page, mark: Locator): Promise<boolean> {
  const box = await mark.boundingBox()
  const toolbar = await page.locator('.pdf-toolbar').boundingBox()
  const open = page.locator('.pdf-panel.sheet.open')
  const sheet = (await open.count()) > 0 ? await open.boundingBox() : null
  if (!box || !toolbar) return false
  const bottom = sheet ? sheet.y : page.viewportSize()!.height
  return box.y >= toolbar.y + toolbar.height && box.y + box.height <= bottom
}

/** Scrolls the reader with the mouse wheel, as the member would, until page `number` is current. */
async function scrollToPage(page: Page, number: number): Promise<void> {
  const box = (await page.locator('.pdf-pages').boundingBox())!
  await page.mouse.move(box.x + box.width / 2, 400)
  const current = async () =>
    Number(/Page (\d+)/.exec((await page.locator('.pdf-page-number').textContent()) ?? '')?.[1])
  await expect
    .poll(async () => {
      const now = await current()
      if (now !== number) await page.mouse.wheel(0, now < number ? 400 : -400)
      return now
    }, WITHIN)
    .toBe(number)
}
