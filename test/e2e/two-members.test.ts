import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { selectInAbstract } from '../helpers/abstract-selection'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { watchErrors } from '../helpers/two-members'
import { waitForServiceWorkerControl } from '../helpers/service-worker'

/** Screenshots are kept as artifacts of the run, outside the repo's tracked files. */
const SHOTS = join(tmpdir(), 'margins-e2e-screenshots')
const TRENDING = join(import.meta.dirname, '../../server/demo/trending-papers.txt')
const TRENDING_PAPERS = 68
const PAPER = 'Discrete Key-Value Bottleneck'
/** Passages of that paper's abstract. */
const FIRST_PASSAGE = 'non-stationary training data streams'
const SECOND_PASSAGE = 'discrete bottleneck'
const THIRD_PASSAGE = 'localized and context-dependent model updates'

const WITHIN = { timeout: 15_000 }
const DESKTOP = { width: 1280, height: 800 }
const MOBILE = { width: 360, height: 740 }

function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
}

function resultCount(page: Page) {
  return page.locator('.result-count').textContent()
}

/** Opens a paper from the library by searching for its title, as a member would. */
async function openPaper(page: Page, title: string): Promise<void> {
  await page.getByLabel('Search papers').fill(title)
  await page.getByRole('link', { name: title, exact: true }).first().click()
  await page.getByRole('heading', { name: title, level: 2 }).waitFor(WITHIN)
}

/** The composer of the paper's own discussion (each annotation's thread has its own). */
function paperComposer(page: Page) {
  return page.locator('.paper-discussion')
}

function highlights(page: Page) {
  return page.locator('.abstract-text .highlight')
}

describe('two members of a new group, in Chromium against server/index.ts', () => {
  let dataDir: string
  let server: ServerProcess
  let url: string
  let browser: Browser
  let ada: BrowserContext
  let ben: BrowserContext
  let adaPage: Page
  let benPage: Page
  let memberLink: string
  let readOnlyLink: string
  const errors: string[] = []

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true })
    dataDir = await mkdtemp(join(tmpdir(), 'margins-e2e-two-'))
    server = await startServerProcess(
      {},
      /Margins is running at (\S+)/,
      [
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        dataDir,
        '--static-dir',
        inject('appDir'),
        // Loopback only: no test traffic leaves the machine, and these papers need no details.
        '--arxiv-url',
        'http://127.0.0.1:9',
      ],
      true,
    )
    url = /Margins is running at (\S+)/.exec(server.output())![1]!
    browser = await launchBrowser()
    ada = await browser.newContext({ viewport: DESKTOP })
    ben = await browser.newContext({ viewport: DESKTOP })
    adaPage = await ada.newPage()
    benPage = await ben.newPage()
    watchErrors(adaPage, errors)
    watchErrors(benPage, errors)
  })

  afterAll(async () => {
    await browser?.close()
    server?.child.kill('SIGTERM')
    await server?.exited
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('lets Ada create a group and import the trending papers, and Ben sees them', async () => {
    await adaPage.goto(`${url}/#new`)
    await adaPage.getByLabel('Your name').fill('Ada')
    await adaPage.getByRole('button', { name: 'Continue' }).click()
    await adaPage.getByLabel('Name', { exact: true }).fill('Thursday reading group')
    await adaPage.getByRole('button', { name: 'Create group' }).click()
    memberLink = await adaPage.getByLabel('Member link').inputValue()
    readOnlyLink = await adaPage.getByLabel('Read-only link').inputValue()
    expect(memberLink).toMatch(/\/#join\//)
    await adaPage.getByRole('link', { name: 'Open the group' }).click()

    await adaPage.getByRole('button', { name: 'Add papers' }).first().click()
    await adaPage.getByLabel('Paste papers').fill(await readFile(TRENDING, 'utf8'))
    await adaPage.getByRole('button', { name: 'Preview' }).click()
    await adaPage.getByRole('button', { name: `Add ${TRENDING_PAPERS} papers` }).click()
    await expect.poll(() => resultCount(adaPage), WITHIN).toBe(`${TRENDING_PAPERS} papers`)
    await expect.poll(() => syncStatus(adaPage), WITHIN).toBe('synced')

    await benPage.goto(memberLink)
    await benPage.getByLabel('Your name').fill('Ben')
    await benPage.getByRole('button', { name: 'Join the group' }).click()
    await expect.poll(() => resultCount(benPage), WITHIN).toBe(`${TRENDING_PAPERS} papers`)
    expect(errors).toEqual([])
  })

  it('shows Ada the passage Ben highlights and the thread he starts on it', async () => {
    await openPaper(benPage, PAPER)
    await selectInAbstract(benPage, FIRST_PASSAGE)
    await benPage.getByRole('button', { name: 'Add note' }).click()
    await benPage.getByLabel('Note', { exact: true }).fill('The **key** claim: $O(n^2)$ memory.')
    await benPage.getByRole('button', { name: 'Save note' }).click()
    await expect.poll(() => highlights(benPage).allTextContents(), WITHIN).toEqual([FIRST_PASSAGE])
    await paperComposer(benPage).getByLabel('Start a thread').fill('Is this claim tested anywhere?')
    await paperComposer(benPage).getByRole('button', { name: 'Send' }).click()

    await openPaper(adaPage, PAPER)
    await expect.poll(() => highlights(adaPage).allTextContents(), WITHIN).toEqual([FIRST_PASSAGE])
    await adaPage.getByText('Is this claim tested anywhere?').waitFor(WITHIN)
    // The note's Markdown and math are rendered, not shown as source.
    await adaPage.locator('.markdown strong', { hasText: 'key' }).waitFor(WITHIN)
    await adaPage.locator('.markdown .katex').first().waitFor(WITHIN)

    // Each sees the other on this paper, and Ada's selection shows softly on Ben's screen.
    await benPage.locator('.paper-presence', { hasText: /Also here:.*Ada/ }).waitFor(WITHIN)
    await adaPage.locator('.paper-presence', { hasText: /Also here:.*Ben/ }).waitFor(WITHIN)
    await selectInAbstract(adaPage, SECOND_PASSAGE)
    await expect
      .poll(() => benPage.locator('.abstract-text .peer-selection').allTextContents(), WITHIN)
      .toEqual([`Ada is selecting: ${SECOND_PASSAGE}`])
    await adaPage.evaluate(() => document.getSelection()?.removeAllRanges())
    await adaPage.locator('.abstract-text').dispatchEvent('mouseup')
    await expect.poll(() => benPage.locator('.peer-selection').count(), WITHIN).toBe(0)
    expect(errors).toEqual([])
  })

  it('keeps what Ada writes offline, after a reload from the service worker, and Ben gets it', async () => {
    // Once the app is kept on her laptop: the worker precaches the whole build first.
    await waitForServiceWorkerControl(adaPage)
    await ada.setOffline(true)
    await expect.poll(() => syncStatus(adaPage), WITHIN).toBe('offline')
    const reloaded = await adaPage.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await adaPage.getByRole('heading', { name: PAPER, level: 2 }).waitFor(WITHIN)
    await expect.poll(() => highlights(adaPage).allTextContents(), WITHIN).toEqual([FIRST_PASSAGE])

    await adaPage.getByRole('button', { name: 'Reply to Ben' }).first().click()
    await adaPage
      .getByRole('textbox', { name: 'Reply to Ben' })
      .fill('Section 5, with three datasets.')
    await adaPage.getByRole('button', { name: 'Reply', exact: true }).click()
    await selectInAbstract(adaPage, SECOND_PASSAGE)
    await adaPage.getByRole('button', { name: 'Highlight', exact: true }).click()
    await expect.poll(() => highlights(adaPage).count(), WITHIN).toBe(2)
    expect(await syncStatus(adaPage)).toBe('offline')

    await ada.setOffline(false)
    await expect.poll(() => syncStatus(adaPage), WITHIN).toBe('synced')
    await benPage.getByText('Section 5, with three datasets.').waitFor(WITHIN)
    await expect
      .poll(() => highlights(benPage).allTextContents(), WITHIN)
      .toEqual([FIRST_PASSAGE, SECOND_PASSAGE])
    expect(errors).toEqual([])
  })

  it('renders markup and script links in a comment inert on the other member’s screen', async () => {
    const hostile =
      'Look <img src=x onerror="window.__owned = 1"> and [here](javascript:window.__owned=2)'
    await paperComposer(benPage).getByLabel('Start a thread').fill(hostile)
    await paperComposer(benPage).getByRole('button', { name: 'Send' }).click()

    const comment = adaPage.locator('.markdown', { hasText: 'Look <img src=x' })
    await comment.waitFor(WITHIN)
    expect(await comment.locator('img').count()).toBe(0)
    expect(await adaPage.locator('[onerror]').count()).toBe(0)
    expect(await adaPage.locator('a[href^="javascript"]').count()).toBe(0)
    await comment.getByText('here').click()
    expect(await adaPage.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined()
    expect(errors).toEqual([])
  })

  it('lets a reader with the read-only link see everything and write nothing', async () => {
    const reader = await browser.newContext({ viewport: DESKTOP })
    const page = await reader.newPage()
    watchErrors(page, errors)
    await page.goto(readOnlyLink)
    await expect.poll(() => resultCount(page), WITHIN).toBe(`${TRENDING_PAPERS} papers`)
    expect(await page.getByRole('button', { name: 'Add papers' }).count()).toBe(0)
    await openPaper(page, PAPER)
    await expect.poll(() => highlights(page).count(), WITHIN).toBe(2)
    await page.getByText('Section 5, with three datasets.').waitFor(WITHIN)
    await selectInAbstract(page, SECOND_PASSAGE)
    expect(await page.getByRole('button', { name: 'Highlight', exact: true }).count()).toBe(0)
    expect(await page.locator('textarea').count()).toBe(0)
    expect(await page.getByRole('button', { name: /^Vote/ }).count()).toBe(0)
    await reader.close()
    expect(errors).toEqual([])
  })

  it('lets a member on a touch phone highlight with the toolbar docked at the bottom', async () => {
    const phone = await browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true })
    const page = await phone.newPage()
    watchErrors(page, errors)
    await page.goto(memberLink)
    await page.getByLabel('Your name').fill('Cy')
    await page.getByRole('button', { name: 'Join the group' }).click()
    await expect.poll(() => resultCount(page), WITHIN).toBe(`${TRENDING_PAPERS} papers`)
    await openPaper(page, PAPER)
    await expect.poll(() => highlights(page).count(), WITHIN).toBe(2)

    const toolbar = page.getByRole('group', { name: 'Selected passage' })
    // The toolbar follows selectionchange. Twice in a loaded full run it never came: the
    // selection was probably cleared by a re-render as the new member's profile synced (not
    // confirmed; a known issue). Select again, as a member would, at most three times.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await selectInAbstract(page, THIRD_PASSAGE, { mouse: false })
      const shown = await toolbar.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
      if (shown) break
    }
    await toolbar.waitFor(WITHIN)
    // Docked at the bottom of the screen (above the annotations sheet's handle), clear of the
    // phone's own selection menu, which appears by the text.
    const box = await toolbar.boundingBox()
    expect(box && box.y).toBeGreaterThan(MOBILE.height * 0.75)
    await toolbar.getByRole('button', { name: 'Highlight', exact: true }).tap()
    await expect.poll(() => highlights(page).count(), WITHIN).toBe(3)
    await expect.poll(() => highlights(adaPage).count(), WITHIN).toBe(3)
    await phone.close()
    expect(errors).toEqual([])
  })

  it('fits the library and a paper page on a 360 px phone', async () => {
    await benPage.setViewportSize(MOBILE)
    await benPage.screenshot({ path: join(SHOTS, 'two-members-paper-360.png') })
    const overflow = () =>
      benPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await benPage.getByRole('link', { name: 'Library', exact: true }).click()
    await benPage.getByLabel('Search papers').fill('')
    await expect.poll(() => resultCount(benPage), WITHIN).toBe(`${TRENDING_PAPERS} papers`)
    await benPage.screenshot({ path: join(SHOTS, 'two-members-library-360.png') })
    expect(await overflow()).toBeLessThanOrEqual(0)
    expect(errors).toEqual([])
  })
})
