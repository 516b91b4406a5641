import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  listAnnotations,
  listComments,
  listMeetings,
  listMembers,
  meetingNotes,
  tagsOf,
  votersOf,
} from '../../shared/model'
import { inviteLink } from '../../shared/invite'
import { launchBrowser } from '../helpers/browser'
import { selectInAbstract } from '../helpers/abstract-selection'
import { startDemoServer, type DemoServer } from '../helpers/demo-server'
import { updateRows, waitForServiceWorkerControl } from '../helpers/service-worker'
import { connectSyncClient } from '../helpers/sync-client'
import { waitFor } from '../helpers/wait-for'

/** Page loads and sync get time on a slow CI machine; a failing assertion still fails. */
const WITHIN = { timeout: 15_000 }
/** A recovery that has not happened by then is not going to. */
const RECOVERY = { timeout: 8_000 }
const DEMO_PAPERS = '68 papers'

/** Two papers of the demo group and a passage of each one's abstract. */
const FIRST = { title: 'Discrete Key-Value Bottleneck', passage: 'discrete bottleneck' }
const SECOND = {
  title: 'Model-Based Image Signal Processors via Learnable Dictionaries',
  passage: 'sensor RAW readings',
}

/** Edits made just before a reload (and as many before a close). */
const ROUNDS = 6
/** Characters in each of those edits. */
const LONG_EDIT = 20_000

/**
 * What the app must say when the copy of the group on this device could not be read and the
 * group came back from the server instead.
 */
const RECOVERED = /could not be read|damaged|corrupt/i

function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
}

/** Waits for the sync status outside a test (expect.poll works only inside one). */
async function untilSynced(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.sync-status')?.getAttribute('data-status') === 'synced',
    undefined,
    WITHIN,
  )
}

function resultCount(page: Page) {
  return page
    .locator('.result-count')
    .textContent({ timeout: 1_000 })
    .catch(() => null)
}

/** Opens a paper from the library by searching for its title; returns the paper's route. */
async function openPaper(page: Page, groupId: string, title: string): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#g/${groupId}`)
  await page.getByLabel('Search papers').fill(title)
  await page.getByRole('link', { name: title, exact: true }).first().click()
  await page.getByRole('heading', { name: title, level: 2 }).waitFor(WITHIN)
  return page.url()
}

function highlights(page: Page) {
  return page.locator('.abstract-text .highlight').allTextContents()
}

function notesField(page: Page) {
  return page.getByLabel('Shared notes (everyone in the group edits these together)')
}

/** What a member writes on one paper: a tag, a vote, a highlight and a thread, in that order. */
interface PaperWrites {
  tag: string
  passage: string
  comment: string
}

/** Tags, votes for, highlights and comments on the open paper, waiting only as the UI needs. */
async function writeOnPaper(page: Page, writes: PaperWrites): Promise<void> {
  await page.getByLabel('Add a tag').fill(writes.tag)
  await page.getByRole('button', { name: 'Add tag' }).click()
  await page.locator('.vote-button').click()
  await selectInAbstract(page, writes.passage, { anyCase: true })
  await page.getByRole('button', { name: 'Highlight', exact: true }).click()
  await page.locator('.paper-discussion').getByLabel('Start a thread').fill(writes.comment)
  await page.locator('.paper-discussion').getByRole('button', { name: 'Send' }).click()
}

/** Whether `check` comes true within a few seconds (a write that is there shows at once). */
async function comesTrue(check: () => Promise<boolean>): Promise<boolean> {
  try {
    await expect.poll(check, { timeout: 5_000 }).toBe(true)
    return true
  } catch {
    return false
  }
}

/** Which writes of `writes` the open paper shows. */
async function paperShows(page: Page, writes: PaperWrites): Promise<Record<string, boolean>> {
  await page.locator('.abstract-text').waitFor(WITHIN)
  return {
    tag: await comesTrue(
      async () =>
        (await page.getByRole('button', { name: `Remove tag ${writes.tag}` }).count()) > 0,
    ),
    vote: await comesTrue(
      async () => (await page.locator('.vote-button').getAttribute('aria-pressed')) === 'true',
    ),
    highlight: await comesTrue(async () => (await highlights(page)).includes(writes.passage)),
    comment: await comesTrue(
      async () => (await page.locator('.paper-discussion').getByText(writes.comment).count()) > 0,
    ),
  }
}

/** The meeting's notes once the page has loaded them (or empty, if it has none). */
async function shownNotes(page: Page): Promise<string> {
  await notesField(page).waitFor(WITHIN)
  await comesTrue(async () => (await notesField(page).inputValue()) !== '')
  return notesField(page).inputValue()
}

const ALL_SHOWN = { tag: true, vote: true, highlight: true, comment: true, notes: true }

/** The group as the server has it, read by a stock y-websocket client. */
async function serverHas(
  demo: DemoServer,
  memberName: string,
  paperUrl: string,
  writes: PaperWrites,
  notes: string,
): Promise<void> {
  const client = await connectSyncClient(demo.server.url, demo.keys.groupId, demo.keys.readKey)
  const paperId = decodeURIComponent(paperUrl.split('/p/')[1] ?? '')
  const check = () => {
    const me = listMembers(client.doc).find((member) => member.name === memberName)
    const comments = listComments(client.doc, paperId).map((comment) => comment.body)
    const quotes = listAnnotations(client.doc, paperId).map((note) => note.target.quote.exact)
    const texts = listMeetings(client.doc).map(({ meeting }) =>
      meetingNotes(client.doc, meeting.id)?.toString(),
    )
    return {
      member: me !== undefined,
      comment: comments.includes(writes.comment),
      highlight: quotes.some((quote) => quote.toLowerCase() === writes.passage.toLowerCase()),
      tag: tagsOf(client.doc, paperId).some((tag) => tag.tag === writes.tag),
      vote: me !== undefined && votersOf(client.doc, paperId).includes(me.id),
      notes: texts.some((text) => text?.includes(notes)),
    }
  }
  const all = { member: true, comment: true, highlight: true, tag: true, vote: true, notes: true }
  try {
    await waitFor('the server to have every write', () => Object.values(check()).every(Boolean))
  } catch {
    // The comparison below says which write the server lacks.
  }
  expect(check()).toEqual(all)
  client.close()
}

describe('writes made offline just before a reload or a close, in Chromium', () => {
  let demo: DemoServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let groupId: string
  const errors: string[] = []
  const durability: string[] = []
  const watch = (target: Page) => target.on('pageerror', (error) => errors.push(error.message))

  beforeAll(async () => {
    demo = await startDemoServer(inject('appDir'))
    groupId = demo.keys.groupId
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    page = await context.newPage()
    watch(page)
    await page.goto(inviteLink(demo.server.url, groupId, demo.keys.writeKey))
    await page.getByLabel('Your name').fill('Ada')
    await page.getByRole('button', { name: 'Join the group' }).click()
    await untilSynced(page)
    // Offline, only the service worker can bring the app back.
    await waitForServiceWorkerControl(page)
  })

  afterAll(async () => {
    console.info(`client durability, writes just before leaving:\n  ${durability.join('\n  ')}`)
    await browser?.close()
    await demo?.close()
  })

  it('keeps a meeting, a tag, a vote, a highlight, a comment and notes typed just before a reload', async () => {
    const writes: PaperWrites = {
      tag: 'kept-over-reload',
      passage: FIRST.passage,
      comment: 'Written offline just before a reload.',
    }
    const notes = 'Typed offline, then reloaded at once.'
    await context.setOffline(true)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('offline')

    await page.goto(`${demo.server.url}/#g/${groupId}/meetings`)
    await page.getByRole('button', { name: 'Plan a meeting' }).click()
    await page.getByLabel('Title (optional)').fill('Offline session')
    await page.getByRole('button', { name: 'Plan the meeting' }).click()
    await notesField(page).waitFor(WITHIN)
    const meetingUrl = page.url()
    const paperUrl = await openPaper(page, groupId, FIRST.title)
    await writeOnPaper(page, writes)
    await page.goto(meetingUrl)
    await notesField(page).click()
    await page.keyboard.type(notes)
    // No wait of any kind: whatever is not in IndexedDB by now is lost.
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)

    const back = await shownNotes(page)
    const notesShown = back === notes
    durability.push(
      `reload: a meeting, a tag, a vote, a highlight, a comment, then ${notes.length} characters typed; back: ${back.length} (${JSON.stringify(back)})`,
    )
    expect(await page.getByRole('heading', { name: 'Offline session' }).count()).toBe(1)
    await page.goto(paperUrl)
    expect({ ...(await paperShows(page, writes)), notes: notesShown }).toEqual(ALL_SHOWN)
    expect(await syncStatus(page)).toBe('offline')

    await context.setOffline(false)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    await serverHas(demo, 'Ada', paperUrl, writes, notes)
    expect(errors).toEqual([])
  })

  it('keeps notes, a tag, a vote, a highlight and a comment written just before the page closes', async () => {
    const writes: PaperWrites = {
      tag: 'kept-over-close',
      passage: SECOND.passage,
      comment: 'Written offline just before closing the tab.',
    }
    const notes = ' Then typed offline before a close.'
    const meetingUrl = `${demo.server.url}/#g/${groupId}/meetings`
    await context.setOffline(true)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('offline')

    await page.goto(meetingUrl)
    await page.getByRole('link', { name: 'Offline session' }).first().click()
    await notesField(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(notes)
    const meetingPage = page.url()
    const paperUrl = await openPaper(page, groupId, SECOND.title)
    await writeOnPaper(page, writes)
    await page.close()
    durability.push('close: typed notes, a tag, a vote, a highlight, a comment')

    page = await context.newPage()
    watch(page)
    const reopened = await page.goto(paperUrl)
    expect(reopened?.fromServiceWorker()).toBe(true)
    const shown = await paperShows(page, writes)
    await page.goto(meetingPage)
    expect({ ...shown, notes: (await shownNotes(page)).endsWith(notes) }).toEqual(ALL_SHOWN)
    expect(await syncStatus(page)).toBe('offline')

    await context.setOffline(false)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    await serverHas(demo, 'Ada', paperUrl, writes, notes.trim())
    expect(errors).toEqual([])
  })

  /**
   * Replaces the meeting's notes with a long new text, then at once reloads the page or closes
   * it and opens another, `ROUNDS` times; returns what each reopened page showed. A long edit
   * takes IndexedDB a few milliseconds to commit, which is when an unload can cut it off.
   */
  async function editThenLeave(how: 'reload' | 'close'): Promise<string[]> {
    await context.setOffline(true)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('offline')
    await page.goto(`${demo.server.url}/#g/${groupId}/meetings`)
    await page.getByRole('link', { name: 'Offline session' }).first().click()
    await notesField(page).waitFor(WITHIN)
    const meetingUrl = page.url()
    const outcomes: string[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const text = `${how} ${round}: ${'the notes of a long meeting. '.repeat(LONG_EDIT / 29)}`
      await notesField(page).click()
      await page.keyboard.press('Control+A')
      await page.keyboard.insertText(text)
      if (how === 'reload') {
        await page.reload()
      } else {
        await page.close()
        page = await context.newPage()
        watch(page)
        await page.goto(meetingUrl)
      }
      await notesField(page).waitFor(WITHIN)
      const shown = await notesField(page).inputValue()
      outcomes.push(shown === text ? 'kept' : 'lost')
    }
    durability.push(`${how}: ${ROUNDS} edits of ${LONG_EDIT} characters, ${outcomes.join(' ')}`)
    await context.setOffline(false)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    return outcomes
  }

  it('keeps a long edit of the notes made just before each of several reloads', async () => {
    expect(await editThenLeave('reload')).toEqual(Array(ROUNDS).fill('kept'))
    expect(errors).toEqual([])
  })

  it('keeps a long edit of the notes made just before each of several closes', async () => {
    expect(await editThenLeave('close')).toEqual(Array(ROUNDS).fill('kept'))
    expect(errors).toEqual([])
  })
})

/** The y-indexeddb database of a group, as `client/data/open-group.ts` names it. */
function groupDatabase(groupId: string): string {
  return `margins-group-${groupId}`
}

/** Something done to the stored copy of a group from a page of the app's origin. */
type Damage = (name: string) => Promise<string>

/**
 * Damages to the stored copy, each run in the page: what a crash mid-write, a disk error, a
 * browser bug or an older build could leave behind.
 */
const DAMAGES: Record<string, { damage: Damage; unreadable: boolean }> = {
  'a row of garbage bytes after the real ones': {
    unreadable: true,
    damage: async (name) => {
      const db = await openDatabase(name)
      const garbage = new Uint8Array(64).map((_, i) => (i * 73 + 250) % 256)
      await inStore(db, 'readwrite', (store) => store.add(garbage))
      db.close()
      return 'added 64 bytes of garbage'
    },
  },
  'its largest row cut in half': {
    unreadable: true,
    damage: async (name) => {
      const db = await openDatabase(name)
      const keys = await inStore(db, 'readonly', (store) => store.getAllKeys())
      const rows = await inStore(db, 'readonly', (store) => store.getAll())
      const largest = rows.reduce(
        (best, row, i) => (row.byteLength > rows[best].byteLength ? i : best),
        0,
      )
      const cut = (rows[largest] as Uint8Array).slice(0, rows[largest].byteLength >> 1)
      await inStore(db, 'readwrite', (store) => store.put(cut, keys[largest]))
      db.close()
      return `cut row ${largest + 1} of ${rows.length} to ${cut.byteLength} bytes`
    },
  },
  'a row that is not bytes at all': {
    unreadable: true,
    damage: async (name) => {
      const db = await openDatabase(name)
      await inStore(db, 'readwrite', (store) => store.add({ not: 'an update' }))
      db.close()
      return 'added an object row'
    },
  },
  'a database without its object stores': {
    unreadable: true,
    damage: async (name) => {
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name)
        request.onsuccess = () => resolve()
        request.onerror = () => reject(request.error)
      })
      const db = await openDatabase(name)
      db.close()
      return 'recreated the database empty, without stores'
    },
  },
  'only its later half of rows (the first ones deleted)': {
    unreadable: false,
    damage: async (name) => {
      const db = await openDatabase(name)
      const keys = await inStore(db, 'readonly', (store) => store.getAllKeys())
      const gone = keys.slice(0, Math.max(1, keys.length >> 1))
      await inStore(db, 'readwrite', (store) =>
        store.delete(IDBKeyRange.bound(gone[0], gone[gone.length - 1])),
      )
      db.close()
      return `deleted ${gone.length} of ${keys.length} rows`
    },
  },
  'no rows at all': {
    unreadable: false,
    damage: async (name) => {
      const db = await openDatabase(name)
      const count = await inStore(db, 'readonly', (store) => store.count())
      await inStore(db, 'readwrite', (store) => store.clear())
      db.close()
      return `cleared ${count} rows`
    },
  },
}

/** The page-side helpers the damages use, installed on every page of the context. */
function installDatabaseHelpers(): void {
  const scope = window as unknown as Record<string, unknown>
  scope.openDatabase = (name: string) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
  scope.inStore = (
    db: IDBDatabase,
    mode: IDBTransactionMode,
    use: (s: IDBObjectStore) => IDBRequest,
  ) =>
    new Promise((resolve, reject) => {
      const transaction = db.transaction('updates', mode)
      const request = use(transaction.objectStore('updates'))
      let result: unknown
      request.onsuccess = () => (result = request.result)
      transaction.oncomplete = () => resolve(result)
      transaction.onerror = () => reject(transaction.error)
    })
}

declare function openDatabase(name: string): Promise<IDBDatabase>
declare function inStore<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  use: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T>

describe('a damaged copy of the group on this device, in Chromium', () => {
  let demo: DemoServer
  let browser: Browser
  let context: BrowserContext
  let groupId: string
  const tried: string[] = []

  beforeAll(async () => {
    demo = await startDemoServer(inject('appDir'))
    groupId = demo.keys.groupId
    browser = await launchBrowser()
    context = await browser.newContext()
    await context.addInitScript(installDatabaseHelpers)
    const page = await context.newPage()
    await page.goto(inviteLink(demo.server.url, groupId, demo.keys.writeKey))
    await page.getByLabel('Your name').fill('Ada')
    await page.getByRole('button', { name: 'Join the group' }).click()
    await untilSynced(page)
    await page.close()
  })

  afterAll(async () => {
    console.info(
      `client durability: ${Object.keys(DAMAGES).length} kinds of damaged store tried\n  ${tried.join('\n  ')}`,
    )
    await browser?.close()
    await demo?.close()
  })

  /**
   * A fresh, whole copy of the group on this device, then `damage` done to it with the app
   * closed (from /healthz, a page of the same origin that is not the app), then the app opened.
   */
  async function openDamaged(label: string, damage: Damage): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${demo.server.url}/healthz`)
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(name)
          request.onsuccess = () => resolve()
          request.onerror = () => reject(request.error)
        }),
      groupDatabase(groupId),
    )
    await page.goto(`${demo.server.url}/#g/${groupId}`)
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    await expect.poll(() => resultCount(page), WITHIN).toBe(DEMO_PAPERS)
    await expect
      .poll(async () => (await updateRows(page, groupDatabase(groupId))).bytes, WITHIN)
      .toBeGreaterThan(10_000)
    const rows = await updateRows(page, groupDatabase(groupId))
    await page.goto(`${demo.server.url}/healthz`)
    const done = await page.evaluate(damage, groupDatabase(groupId))
    tried.push(`${label}: ${rows.rows} rows, ${rows.bytes} bytes; ${done}`)
    await page.goto(`${demo.server.url}/#g/${groupId}`)
    return page
  }

  for (const [label, { damage, unreadable }] of Object.entries(DAMAGES)) {
    it(`opens, recovers the group from the server${unreadable ? ' and says so' : ''}: ${label}`, async () => {
      const page = await openDamaged(label, damage)
      const recovered = await page
        .waitForFunction(
          (papers) =>
            document.querySelector('.sync-status')?.getAttribute('data-status') === 'synced' &&
            document.querySelector('.result-count')?.textContent === papers,
          DEMO_PAPERS,
          RECOVERY,
        )
        .then(
          () => true,
          () => false,
        )
      const said = await page.getByRole('alert').or(page.getByRole('status')).allInnerTexts()
      tried.push(
        `  ${recovered ? 'recovered' : `not recovered (status ${await syncStatus(page)}, ${await resultCount(page)})`}; it said: ${JSON.stringify(said.filter((text) => text.trim()))}`,
      )
      expect(recovered, 'synced with the server and showing the whole library').toBe(true)
      if (unreadable) {
        await page.getByRole('alert').filter({ hasText: RECOVERED }).first().waitFor(RECOVERY)
      }
      // The next load is whole again: the damage does not come back every time.
      await page.reload()
      await expect.poll(() => syncStatus(page), RECOVERY).toBe('synced')
      await expect.poll(() => resultCount(page), RECOVERY).toBe(DEMO_PAPERS)
      await page.close()
    })
  }
})
