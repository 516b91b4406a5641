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
  tagPaper,
  type TwoMembers,
} from '../helpers/two-members'

/** Three papers of the demo group. */
const FIRST = 'Discrete Key-Value Bottleneck'
const SECOND = 'Model-Based Image Signal Processors via Learnable Dictionaries'
const THIRD = 'A Survey on 3D Gaussian Splatting'

/** The tags page's rows as "tag count", e.g. "offline-rl 2 papers". */
async function tagRows(page: Page, groupId: string): Promise<string[]> {
  if (!page.url().endsWith(`#g/${groupId}/tags`)) {
    await page.goto(`${new URL(page.url()).origin}/#g/${groupId}/tags`)
  }
  const rows = page.locator('.tag-row-main')
  await rows.first().waitFor(WITHIN)
  const texts = await rows.evaluateAll((elements) =>
    elements.map((row) =>
      [row.querySelector('.tag')?.textContent, row.querySelector('.tag-count')?.textContent].join(
        ' ',
      ),
    ),
  )
  return texts
}

/** The group ranking as the round page shows it: "place[=] title" per row, "=" for a tie. */
async function result(page: Page): Promise<string[]> {
  return page
    .getByTestId('result-row')
    .evaluateAll((rows) =>
      rows.map(
        (row) =>
          `${(row as HTMLElement).dataset.place}${(row as HTMLElement).dataset.tied === 'true' ? '=' : ''} ${row.querySelector('a')?.textContent}`,
      ),
    )
}

/** My ballot's ranked papers, best first. */
async function myRanking(page: Page): Promise<string[]> {
  return page.getByTestId('ballot-ranked').locator('.ballot-title').allTextContents()
}

/** Drags a ranked paper's grip onto another ranked paper's row with a real mouse. */
async function drag(page: Page, title: string, onto: string): Promise<void> {
  const row = (name: string) =>
    page
      .getByTestId('ballot-ranked')
      .filter({ has: page.locator('.ballot-title', { hasText: name }) })
  const grip = row(title).getByTestId('drag-grip')
  await grip.scrollIntoViewIfNeeded()
  const from = (await grip.boundingBox())!
  const to = (await row(onto).boundingBox())!
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  // Past the drag threshold first, then to the target in steps, as a hand would.
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 15, { steps: 3 })
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 4, { steps: 10 })
  await page.mouse.up()
}

describe('tags, ranked-choice rounds and meetings between two members, in Chromium', () => {
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

  it('lets Ada on a desktop and Ben on a phone join the demo group', async () => {
    const link = inviteLink(demo.server.url, groupId, demo.keys.writeKey)
    await join(adaPage, link, 'Ada')
    await join(benPage, link, 'Ben')
  })

  it('renames a tag for everyone, including a paper Ben tagged offline with the old name', async () => {
    await tagPaper(adaPage, groupId, FIRST, 'offline-rl')
    await ben.setOffline(true)
    await expect.poll(() => syncStatus(benPage), WITHIN).toBe('offline')
    await tagPaper(benPage, groupId, SECOND, 'offline-rl')

    // Ada renames the tag while Ben's tag is still on his phone only.
    expect(await tagRows(adaPage, groupId)).toContain('offline-rl 1 paper')
    await adaPage.getByRole('button', { name: 'Rename or merge “offline-rl”' }).click()
    await adaPage.getByLabel('New name for “offline-rl”').fill('reinforcement-learning')
    await adaPage.getByRole('button', { name: 'Rename', exact: true }).click()
    await adaPage.getByText('Renamed “offline-rl” to “reinforcement-learning”.').waitFor(WITHIN)

    await ben.setOffline(false)
    await expect.poll(() => syncStatus(benPage), WITHIN).toBe('synced')
    for (const page of [adaPage, benPage]) {
      await expect
        .poll(
          async () => (await tagRows(page, groupId)).filter((row) => /learning|rl/.test(row)),
          WITHIN,
        )
        .toEqual(['reinforcement-learning 2 papers'])
    }
    // The paper Ben tagged offline shows the new name on both screens.
    for (const page of [adaPage, benPage]) {
      await openPaper(page, groupId, SECOND)
      await page.getByRole('button', { name: 'Remove tag reinforcement-learning' }).waitFor(WITHIN)
      expect(await page.getByRole('button', { name: 'Remove tag offline-rl' }).count()).toBe(0)
    }
    expect(members.errors).toEqual([])
  })

  it('ranks a round by drag and by tap, and both see the same result, also after an offline change', async () => {
    await adaPage.goto(`${demo.server.url}/#g/${groupId}/rounds`)
    await adaPage.getByLabel('Question').fill('What do we read on Thursday?')
    for (const title of [FIRST, SECOND, THIRD]) {
      await adaPage.getByLabel('Find papers').fill(title)
      // A paper's box is named by its title, then its votes and tags.
      await adaPage.getByRole('checkbox', { name: title }).check()
    }
    await adaPage.getByRole('button', { name: 'Open the round' }).click()
    await adaPage.getByRole('region', { name: 'My ballot' }).waitFor(WITHIN)
    const roundUrl = adaPage.url()
    expect(roundUrl).toMatch(new RegExp(`#g/${groupId}/r/[\\w-]+$`))

    // Ada taps all three in order, then drags the third to the top: Third, First, Second.
    for (const title of [FIRST, SECOND, THIRD]) {
      await adaPage.getByRole('button', { name: `Rank “${title}”` }).click()
    }
    await expect.poll(() => myRanking(adaPage), WITHIN).toEqual([FIRST, SECOND, THIRD])
    await drag(adaPage, THIRD, FIRST)
    await expect.poll(() => myRanking(adaPage), WITHIN).toEqual([THIRD, FIRST, SECOND])

    // Ben, on his phone, taps First then Third and leaves Second unranked (below both).
    await benPage.goto(roundUrl)
    await benPage.getByRole('button', { name: `Rank “${FIRST}”` }).tap()
    await benPage.getByRole('button', { name: `Rank “${THIRD}”` }).tap()
    await expect.poll(() => myRanking(benPage), WITHIN).toEqual([FIRST, THIRD])

    // First and Third each win one ballot against the other: a tie, in the round's order.
    const tie = [`1= ${FIRST}`, `1= ${THIRD}`, `3 ${SECOND}`]
    await expect.poll(() => result(adaPage), WITHIN).toEqual(tie)
    await expect.poll(() => result(benPage), WITHIN).toEqual(tie)

    // Offline, Ben moves Third up: only his screen knows until he is back.
    await ben.setOffline(true)
    await expect.poll(() => syncStatus(benPage), WITHIN).toBe('offline')
    await benPage.getByRole('button', { name: `Move “${THIRD}” up` }).tap()
    const decided = [`1 ${THIRD}`, `2 ${FIRST}`, `3 ${SECOND}`]
    await expect.poll(() => result(benPage), WITHIN).toEqual(decided)
    expect(await result(adaPage)).toEqual(tie)

    await ben.setOffline(false)
    await expect.poll(() => syncStatus(benPage), WITHIN).toBe('synced')
    await expect.poll(() => result(adaPage), WITHIN).toEqual(decided)
    expect(await result(benPage)).toEqual(decided)
    // Each can see why: Third beats both others head to head.
    const table = adaPage.getByRole('table', { name: /Head to head/ })
    await table.waitFor(WITHIN)
    // Third's row: it beats each of the two others on both ballots, 2 to 0.
    const thirdRow = table.locator('tbody tr').filter({
      has: adaPage.locator(`th[title="${THIRD}"]`),
    })
    const cells = await thirdRow.locator('td:not(.pair-self)').allTextContents()
    expect(cells).toHaveLength(2)
    for (const cell of cells) expect(cell).toMatch(/^2\b.*wins/)
    expect(members.errors).toEqual([])
  })

  it('plans a meeting from the closed round; presenters, readiness and notes reach both', async () => {
    await adaPage.getByRole('button', { name: 'Close the round' }).click()
    await benPage.getByRole('button', { name: 'Reopen the round' }).waitFor(WITHIN)

    await adaPage.goto(`${demo.server.url}/#g/${groupId}/meetings`)
    await adaPage.getByRole('button', { name: 'Plan a meeting' }).click()
    await adaPage.getByLabel('Title (optional)').fill('Thursday session')
    await adaPage.getByLabel('Round').selectOption({ label: 'What do we read on Thursday?' })
    await adaPage.getByLabel('How many of its best papers').selectOption('2')
    await adaPage.getByRole('button', { name: 'Plan the meeting' }).click()
    await adaPage.getByRole('heading', { name: 'Agenda' }).waitFor(WITHIN)
    const meetingUrl = adaPage.url()
    expect(meetingUrl).toMatch(new RegExp(`#g/${groupId}/m/[\\w-]+$`))
    // The round's two best papers, in the group ranking's order.
    const agenda = adaPage.locator('.agenda-paper > a').first()
    await agenda.waitFor(WITHIN)
    expect(await adaPage.locator('.agenda-paper > a').allTextContents()).toEqual([THIRD, FIRST])
    await adaPage.getByLabel(`Presenter of ${THIRD}`).selectOption({ label: 'Ben' })

    // Ben finds it as the next meeting, with himself presenting.
    await benPage.goto(`${demo.server.url}/#g/${groupId}/meetings`)
    const next = benPage.getByRole('region', { name: 'Next meeting' })
    await next.getByText('Thursday session').first().waitFor(WITHIN)
    await benPage.goto(meetingUrl)
    await expect
      .poll(() => benPage.getByLabel(`Presenter of ${THIRD}`).inputValue(), WITHIN)
      .not.toBe('')
    expect(
      await benPage.getByLabel(`Presenter of ${THIRD}`).locator('option:checked').textContent(),
    ).toBe('Ben')

    // Ben says he has read the first paper; Ada's ready table shows it.
    await benPage.getByLabel(`My reading status for ${FIRST}`).selectOption({ label: 'Read' })
    const ready = adaPage.getByRole('table', { name: 'Who has read the agenda papers' })
    const benColumn = await ready
      .locator('thead th')
      .evaluateAll((cells) => cells.findIndex((cell) => cell.textContent?.includes('Ben')))
    expect(benColumn).toBeGreaterThan(0)
    const firstRow = ready.locator('tbody tr').filter({ hasText: FIRST })
    await expect
      .poll(() => firstRow.locator('th, td').nth(benColumn).textContent(), WITHIN)
      .toBe('Read')

    // Shared notes: what each types shows on the other's screen as it arrives.
    const notes = (page: Page) =>
      page.getByLabel('Shared notes (everyone in the group edits these together)')
    await notes(benPage).click()
    await benPage.keyboard.type('Ben: questions on section 3.')
    await expect
      .poll(() => notes(adaPage).inputValue(), WITHIN)
      .toBe('Ben: questions on section 3.')
    await notes(adaPage).click()
    await adaPage.keyboard.press('Control+Home')
    await adaPage.keyboard.type('Agenda set. ')
    await expect
      .poll(() => notes(benPage).inputValue(), WITHIN)
      .toBe('Agenda set. Ben: questions on section 3.')

    // The library says when each agenda paper will be discussed.
    await adaPage.goto(`${demo.server.url}/#g/${groupId}`)
    await adaPage.getByLabel('Search papers').fill(THIRD)
    const card = adaPage.getByRole('article', { name: THIRD })
    await card.getByRole('link', { name: /^On the agenda for/ }).waitFor(WITHIN)
    expect(members.errors).toEqual([])
  })
})
