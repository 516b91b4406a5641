/**
 * A PDF that needs more than pdf.js's code: Chinese text in a font the file does not embed
 * (drawn and extracted only with Adobe's CMaps) and a JPEG 2000 figure (decoded only by the
 * WebAssembly decoder). The build ships both, the service worker keeps them, and the CSP lets
 * the decoder run, so on another member's phone with no network the words are found and
 * highlighted and the figure is drawn.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import type { DemoServer } from '../helpers/demo-server'
import { selectSpan, span } from '../helpers/pdf-reader-page'
import { WITHIN, join, openPaper, openTwoMembers, type TwoMembers } from '../helpers/two-members'
import { CJK_PDF, cjkAndJpegPdf } from '../fixtures/pdf'

const TITLE = 'Discrete Key-Value Bottleneck'

/** The colour drawn at the middle of the figure on page 1, as [red, green, blue]. */
function figureColour(page: Page): Promise<number[]> {
  return page.locator('.pdf-page[data-page="1"] canvas').evaluate((canvas, figure) => {
    const context = (canvas as HTMLCanvasElement).getContext('2d')!
    const middle = figure.top + figure.size / 2
    const x = Math.round(((figure.left + figure.size / 2) / 612) * context.canvas.width)
    const y = Math.round((middle / 792) * context.canvas.height)
    return [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]
  }, CJK_PDF.image)
}

describe('a PDF in Chinese with a JPEG 2000 figure, read with no network', () => {
  let members: TwoMembers
  let demo: DemoServer
  let ben: BrowserContext
  let adaPage: Page
  let benPage: Page

  beforeAll(async () => {
    members = await openTwoMembers(inject('appDir'))
    ;({ demo, ben, adaPage, benPage } = members)
  })

  afterAll(async () => {
    await members?.close()
  })

  it('draws the figure, finds and highlights the Chinese words on another member’s phone', async () => {
    const { groupId, writeKey } = demo.keys
    await join(adaPage, inviteLink(demo.server.url, groupId, writeKey), 'Ada')
    await openPaper(adaPage, groupId, TITLE)
    await adaPage.getByLabel('Attach a PDF file').setInputFiles({
      name: 'chinese.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(cjkAndJpegPdf()),
    })
    await adaPage.getByRole('link', { name: 'Open in the reader' }).waitFor(WITHIN)

    await join(benPage, inviteLink(demo.server.url, groupId, writeKey), 'Ben')
    await openPaper(benPage, groupId, TITLE)
    await benPage.getByRole('button', { name: 'Keep offline' }).tap()
    await benPage.locator('.pdf-kept').waitFor(WITHIN)
    await ben.setOffline(true)
    expect((await benPage.reload())?.fromServiceWorker()).toBe(true)
    await benPage.getByRole('link', { name: 'Open in the reader' }).tap()

    await span(benPage, 1, CJK_PDF.chinese).first().waitFor(WITHIN)
    await expect.poll(() => figureColour(benPage), WITHIN).toEqual([255, 0, 0])

    const find = benPage.getByRole('searchbox', { name: 'Find in the PDF' })
    await find.fill('小组')
    await find.press('Enter')
    await expect
      .poll(() => benPage.locator('.pdf-find-status').textContent(), WITHIN)
      .toBe('Match 1 of 1, on page 1.')

    await selectSpan(benPage, 1, CJK_PDF.chinese)
    await benPage.getByRole('button', { name: 'Add note' }).tap()
    await benPage.getByLabel('Note', { exact: true }).fill('读书会')
    await benPage.getByRole('button', { name: 'Save note' }).tap()
    const mark = benPage.locator('.pdf-page[data-page="1"] button.pdf-mark')
    await mark.waitFor(WITHIN)
    expect(await mark.getAttribute('aria-label')).toBe(`Ben’s note: “${CJK_PDF.chinese}”`)
    expect(members.errors).toEqual([])
  })
})
