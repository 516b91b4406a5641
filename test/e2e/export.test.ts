/**
 * The export page in Chromium: a member on a phone, offline, downloads the group's annotations
 * and threads as W3C Web Annotation JSON-LD and its papers as BibTeX, for the whole library or
 * one tag, and the files hold what the group wrote.
 */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { inviteLink } from '../../shared/invite'
import { importBibtex } from '../../shared/importers/bibtex'
import type { WebAnnotationCollection } from '../../shared/export/web-annotation'
import type { DemoServer } from '../helpers/demo-server'
import { selectInAbstract } from '../helpers/abstract-selection'
import {
  WITHIN,
  join,
  openPaper,
  openTwoMembers,
  syncStatus,
  tagPaper,
  type TwoMembers,
} from '../helpers/two-members'

const PAPER = 'Discrete Key-Value Bottleneck'
const OTHER = 'A Survey on 3D Gaussian Splatting'
const PASSAGE = 'non-stationary training data streams'
const NOTE = 'The **key** claim <img src=x onerror=alert(1)>'
const DEMO_PAPERS = 68

/** Clicks `button` on the export page and gives the name and text of the file downloaded. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const saved = page.waitForEvent('download', WITHIN)
  await page.getByRole('button', { name: button }).tap()
  const file = await saved
  const path = await file.path()
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') }
}

describe('exporting the group’s annotations and papers, offline, in Chromium', () => {
  let members: TwoMembers
  let demo: DemoServer
  let ben: BrowserContext
  let adaPage: Page
  let benPage: Page

  beforeAll(async () => {
    members = await openTwoMembers(inject('appDir'), { ben: { acceptDownloads: true } })
    ;({ demo, ben, adaPage, benPage } = members)
  })

  afterAll(async () => {
    await members?.close()
  })

  it('gives Ben, offline on his phone, Ada’s note as a Web Annotation and the library as BibTeX', async () => {
    const { groupId, writeKey } = demo.keys
    await join(adaPage, inviteLink(demo.server.url, groupId, writeKey), 'Ada')
    await openPaper(adaPage, groupId, PAPER)
    await selectInAbstract(adaPage, PASSAGE)
    await adaPage.getByRole('button', { name: 'Add note' }).click()
    await adaPage.getByLabel('Note', { exact: true }).fill(NOTE)
    await adaPage.getByRole('button', { name: 'Save note' }).click()
    await tagPaper(adaPage, groupId, PAPER, 'memory')
    await tagPaper(adaPage, groupId, OTHER, 'memory')
    await expect.poll(() => syncStatus(adaPage), WITHIN).toBe('synced')

    await join(benPage, inviteLink(demo.server.url, groupId, writeKey), 'Ben')
    await ben.setOffline(true)
    await benPage.getByRole('link', { name: 'Export' }).tap()
    await benPage.getByRole('heading', { name: 'Export', level: 2 }).waitFor(WITHIN)
    expect(await benPage.locator('.export-summary').textContent()).toBe(
      `${DEMO_PAPERS} papers, 1 annotation and 0 comments.`,
    )

    const annotations = await download(benPage, 'Download annotations (.jsonld)')
    expect(annotations.name).toBe('margins-demo-reading-group-annotations.jsonld')
    await expect
      .poll(() => benPage.locator('.export-saved').textContent(), WITHIN)
      .toBe('Saved margins-demo-reading-group-annotations.jsonld.')
    const collection = JSON.parse(annotations.text) as WebAnnotationCollection
    expect(collection.type).toBe('AnnotationCollection')
    expect(collection.first?.items).toHaveLength(1)
    expect(collection.first?.items[0]).toMatchObject({
      motivation: 'commenting',
      creator: { name: 'Ada' },
      body: { value: NOTE, format: 'text/markdown' },
      target: { selector: [{ type: 'TextQuoteSelector', exact: PASSAGE }] },
    })

    const library = await download(benPage, 'Download BibTeX (.bib)')
    expect(library.name).toBe('margins-demo-reading-group.bib')
    const imported = importBibtex(library.text)
    expect(imported.skipped).toEqual([])
    expect(imported.papers).toHaveLength(DEMO_PAPERS)
    expect(imported.papers.map((paper) => paper.title)).toContain(PAPER)
    expect(members.errors).toEqual([])
  })

  it('exports only the papers of one tag when asked', async () => {
    await benPage.getByRole('radio', { name: 'Papers tagged' }).tap()
    await benPage.getByRole('combobox', { name: 'Tag' }).selectOption('memory')
    expect(await benPage.locator('.export-summary').textContent()).toBe(
      '2 papers, 1 annotation and 0 comments.',
    )
    const library = await download(benPage, 'Download BibTeX (.bib)')
    expect(library.name).toBe('margins-demo-reading-group-memory.bib')
    expect(library.text.match(/keywords = \{memory\}/g)).toHaveLength(2)
    expect(
      importBibtex(library.text)
        .papers.map((paper) => paper.title)
        .sort(),
    ).toEqual([OTHER, PAPER])
    expect(members.errors).toEqual([])
  })
})
