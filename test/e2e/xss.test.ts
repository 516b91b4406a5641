import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  listAnnotations,
  listComments,
  listMeetings,
  listPapers,
  listRounds,
  readGroup,
  tagCounts,
} from '../../shared/model'
import { createGroupKeys, readKeyOf, type GroupKeys } from '../../shared/invite'
import { createSyncServer, type SyncServer } from '../../server/sync-server'
import { createSqliteStore } from '../../server/store/sqlite-store'
import type { DocStore } from '../../server/store/doc-store'
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers'
import { launchBrowser } from '../helpers/browser'
import { startHostileArxiv, type HostileArxiv } from '../helpers/xss-arxiv'
import { inspectPage, inspectScrolling, markersIn, watchForXss } from '../helpers/xss-inspect'
import { pagesOf, type PageToCheck } from '../helpers/xss-expect'
import { connectReplica, serverSees, type HostileReplica } from '../helpers/xss-replica'
import {
  FIELD_NAMES,
  TARGET_TITLE,
  hostileArxivEntries,
  hostileGroupDocs,
  hostileImports,
  hostileMemberId,
  targetPassage,
  writeRaw,
  writeThroughModel,
  type WriteCounts,
} from '../helpers/xss-writes'
import { XSS_PAYLOADS, xssText, type XssPayload } from '../fixtures/xss-payloads'
import { settle, syncStatus } from '../helpers/xss-page'
import { selectInAbstract } from '../helpers/abstract-selection'

const WITHIN = { timeout: 15_000 }
const DESKTOP = { width: 1280, height: 800 }
/** A tall window: the library's window-virtualized feed is read a screenful at a time. */
const TALL = { width: 1280, height: 6_000 }

/** Payloads by id, for the fields that take one payload only. */
function payload(id: string): XssPayload {
  const found = XSS_PAYLOADS.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no payload ${id}`)
  return found
}

describe('every field a member can write renders inert in another member’s Chromium', () => {
  let arxiv: HostileArxiv
  let dataDir: string
  let store: DocStore
  let server: SyncServer
  let browser: Browser
  let mallory: BrowserContext
  let ben: BrowserContext
  let malloryPage: Page
  let benPage: Page
  let keys: GroupKeys
  let targetId: string
  const replicas: HostileReplica[] = []
  const otherGroups: Array<{ keys: GroupKeys; replica: HostileReplica }> = []
  const counts: WriteCounts = {}
  const dialogs: string[] = []
  const problems: string[] = []
  const report: string[] = []
  let katexErrors = 0

  const started = Date.now()
  const lap = (what: string) =>
    report.push(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const url = (hash: string) => `${server.url}/${hash}`
  const note = (field: string, by = 1) => (counts[field] = (counts[field] ?? 0) + by)

  // Every stock client adds an exit listener to the process; a device per payload, and a group
  // per payload, pass Node's warning threshold of 10.
  const maxListeners = process.getMaxListeners()

  beforeAll(async () => {
    process.setMaxListeners(maxListeners + 3 * XSS_PAYLOADS.length)
    arxiv = await startHostileArxiv(hostileArxivEntries())
    dataDir = await mkdtemp(join(tmpdir(), 'margins-e2e-xss-'))
    store = createSqliteStore({ dataDir })
    server = await createSyncServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      store,
      staticDir: inject('appDir'),
      arxivUrl: arxiv.url,
      arxiv: { minIntervalMs: 0 },
      log: () => undefined,
    })
    browser = await launchBrowser()
    mallory = await browser.newContext({ viewport: DESKTOP })
    ben = await browser.newContext({ viewport: DESKTOP })
    await watchForXss(mallory, dialogs)
    await watchForXss(ben, dialogs)
    malloryPage = await mallory.newPage()
    benPage = await ben.newPage()
  })

  afterAll(async () => {
    console.info(`XSS suite:\n  ${report.join('\n  ')}`)
    for (const replica of replicas) replica.close()
    for (const group of otherGroups) group.replica.close()
    await browser?.close()
    await server?.close()
    await store?.close()
    await arxiv?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
    process.setMaxListeners(maxListeners)
  })

  /** Looks at Mallory's own page too: the import preview shows a file someone sent her. */
  async function inspectMallory(what: string): Promise<void> {
    const found = await inspectPage(malloryPage)
    katexErrors += found.katexErrors
    problems.push(...found.problems.map((problem) => `Mallory's ${what}: ${problem}`))
  }

  it('lets Mallory create a group with a hostile name, description and member name, in the UI', async () => {
    const page = malloryPage
    await page.goto(url('#new'))
    await page.getByLabel('Your name').fill(xssText('um', payload('08'), 60))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Name', { exact: true }).fill(xssText('ug', payload('02'), 100))
    await page.getByLabel(/^Description/).fill(xssText('ud', payload('15'), 2_000))
    await page.getByRole('button', { name: 'Create group' }).click()
    const link = await page.getByLabel('Member link').inputValue()
    const [, groupId, writeKey] = /#join\/([\w-]+)\/([\w-]+)$/.exec(link) ?? []
    keys = { groupId: groupId!, writeKey: writeKey!, readKey: readKeyOf(writeKey!) }
    note('member name (UI)')
    note('group name and description (UI)')
    await page.getByRole('link', { name: 'Open the group' }).click()
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    lap('group created')
  })

  it('lets Mallory import hostile papers in every format the import dialog reads', async () => {
    const page = malloryPage
    for (const [format, text] of Object.entries(hostileImports())) {
      await page.getByRole('button', { name: 'Add papers' }).first().click()
      await page.getByLabel('Paste papers').fill(text)
      await page.getByRole('button', { name: 'Preview' }).click()
      const add = page.getByRole('button', { name: /^Add \d+ papers?$/ })
      await add.waitFor(WITHIN)
      await inspectMallory(`import preview (${format})`)
      const label = (await add.textContent()) ?? ''
      await add.click()
      await page.getByLabel('Paste papers').waitFor({ state: 'detached', ...WITHIN })
      report.push(`import ${format}: ${label.replace('Add ', '')} of ${XSS_PAYLOADS.length}`)
      note(`paper fields imported from ${format} (UI)`, Number(/\d+/.exec(label)?.[0] ?? 0))
    }
    // Papers added by arXiv id get their details from the (hostile) arXiv through the server.
    await serverSees(server.url, keys.groupId, keys.readKey, (doc) =>
      listPapers(doc).every((paper) => !paper.needsMetadata),
    )
    lap('imports done')
  })

  it('lets Mallory write hostile comments, notes, tags, a rename, a round and a meeting, in the UI', async () => {
    const page = malloryPage
    await page.getByLabel('Search papers').fill(TARGET_TITLE)
    await page.getByRole('link', { name: TARGET_TITLE, exact: true }).first().click()
    await page.getByRole('heading', { name: TARGET_TITLE, level: 2 }).waitFor(WITHIN)
    targetId = decodeURIComponent(page.url().split('/p/')[1] ?? '')

    for (const each of XSS_PAYLOADS) {
      await selectInAbstract(page, targetPassage(each))
      await page.getByRole('button', { name: 'Add note' }).click()
      await page.getByLabel('Note', { exact: true }).fill(xssText('an', each, 10_000))
      await page.getByRole('button', { name: 'Save note' }).click()
    }
    for (const each of XSS_PAYLOADS) {
      await page.getByLabel('Add a tag').fill(xssText('tg', each, 50))
      await page.getByRole('button', { name: 'Add tag' }).click()
    }
    const discussion = page.locator('.paper-discussion')
    for (const each of XSS_PAYLOADS) {
      await discussion.getByLabel('Start a thread').fill(xssText('cm', each, 20_000))
      await discussion.getByRole('button', { name: 'Send' }).click()
    }
    note('tag (UI)', XSS_PAYLOADS.length)
    note('comment (UI)', XSS_PAYLOADS.length)
    note('annotation note (UI)', XSS_PAYLOADS.length)
    await page.getByLabel('Add a tag').fill('rename-me')
    await page.getByRole('button', { name: 'Add tag' }).click()
    await page.getByRole('button', { name: 'Remove tag rename-me' }).waitFor(WITHIN)

    await page.goto(url(`#g/${keys.groupId}/tags`))
    await page.getByRole('button', { name: 'Rename or merge “rename-me”' }).click()
    await page.getByLabel('New name for “rename-me”').fill(xssText('ur', payload('07'), 50))
    await page.getByRole('button', { name: 'Rename', exact: true }).click()
    await page.getByText(/^Renamed “rename-me” to/).waitFor(WITHIN)
    note('tag rename (UI)')

    await page.goto(url(`#g/${keys.groupId}/rounds`))
    await page.getByLabel('Question').fill(xssText('urt', payload('03'), 1_000))
    await page.getByLabel('Find papers').fill(TARGET_TITLE)
    await page.getByRole('checkbox', { name: TARGET_TITLE }).check()
    await page.getByLabel('Find papers').fill('zqtt01q')
    await page.getByRole('checkbox').filter({ hasNotText: TARGET_TITLE }).first().check()
    await page.getByRole('button', { name: 'Open the round' }).click()
    await page.getByRole('region', { name: 'My ballot' }).waitFor(WITHIN)
    note('round title (UI)')

    await page.goto(url(`#g/${keys.groupId}/meetings`))
    await page.getByRole('button', { name: 'Plan a meeting' }).click()
    await page.getByLabel('Title (optional)').fill(xssText('umt', payload('04'), 1_000))
    await page.getByLabel('Filter the library by title or author').fill(TARGET_TITLE)
    await page.getByRole('list', { name: 'Library papers' }).getByRole('checkbox').first().check()
    await page.getByRole('button', { name: 'Plan the meeting' }).click()
    const presenter = page.getByLabel(`Presenter of ${TARGET_TITLE}`)
    await presenter.waitFor(WITHIN)
    await presenter.selectOption({ index: 1 })
    const notes = page.getByLabel('Shared notes (everyone in the group edits these together)')
    await notes.click()
    await page.keyboard.insertText(
      XSS_PAYLOADS.map((each) => xssText('umo', each, 2_000)).join('\n\n'),
    )
    // Only what the preview does counts here, not what Mallory's earlier pages did.
    await page.evaluate(() => ((window as unknown as { __violations: string[] }).__violations = []))
    await page.getByRole('button', { name: 'Show a preview' }).click()
    await page.locator('.notes-preview .markdown').waitFor(WITHIN)
    await settle(page, { name: 'notes preview', hash: '', markers: new Set() })
    await inspectMallory('meeting page with the notes preview')
    note('meeting title and presenter choice (UI)')
    note('meeting notes typed (UI)', XSS_PAYLOADS.length)
    lap('UI writes done')
  })

  it('lets a hostile replica write the rest through the model and straight into the document', async () => {
    const scripted = await connectReplica(server.url, keys.groupId, keys.writeKey)
    replicas.push(scripted)
    writeThroughModel(scripted.doc, targetId, counts)
    writeRaw(scripted.doc, targetId, counts)

    // Each hostile member is online with its payload as its name; one sends CSS for a colour.
    for (const each of XSS_PAYLOADS) {
      const device = await connectReplica(server.url, keys.groupId, keys.writeKey)
      replicas.push(device)
      device.provider.awareness.setLocalState({
        memberId: hostileMemberId(each),
        name: xssText('ps', each, 80),
        colour: each.id === '06' ? 'red;background:url(javascript:alert(1))' : '#aa3355',
        paperId: each.id === '08' ? '"><img src=x onerror=alert(1)>' : targetId,
        selection: { start: 0, end: 10_000_000 },
      })
    }
    note('presence name, colour, paper and selection (awareness)', XSS_PAYLOADS.length)

    for (const { doc } of hostileGroupDocs(counts)) {
      const groupKeys = createGroupKeys()
      const replica = await connectReplica(server.url, groupKeys.groupId, groupKeys.writeKey, doc)
      otherGroups.push({ keys: groupKeys, replica })
    }

    const expectedRounds = listRounds(scripted.doc).length
    await serverSees(server.url, keys.groupId, keys.readKey, (doc) => {
      return listRounds(doc).length === expectedRounds && listComments(doc, targetId).length > 0
    })
    for (const group of otherGroups) {
      await serverSees(server.url, group.keys.groupId, group.keys.readKey, (doc) =>
        Boolean(readGroup(doc)),
      )
    }
    lap('replica writes done')
  })

  it('shows Ben every hostile value as text on every page, and none of it runs', async () => {
    const page = benPage
    await page.goto(url(`#join/${keys.groupId}/${keys.writeKey}`))
    await page.getByLabel('Your name').fill('Ben')
    await page.getByRole('button', { name: 'Join the group' }).click()
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    for (const group of otherGroups) {
      await page.goto(url(`#join/${group.keys.groupId}/${group.keys.readKey}`))
      await page.waitForURL(`**/#g/${group.keys.groupId}`)
    }

    // What the victim's browser has, read by the model's readers: what must show, and where.
    const seen = await connectReplica(server.url, keys.groupId, keys.readKey)
    const online = markersIn(
      XSS_PAYLOADS.filter((each) => each.id !== '06')
        .map((each) => xssText('ps', each, 80))
        .join(' '),
    )
    const pages: PageToCheck[] = [
      {
        name: 'home',
        hash: '#',
        markers: markersIn(
          [
            readGroup(seen.doc)?.name,
            ...otherGroups.map((group) => readGroup(group.replica.doc)?.name),
          ].join(' '),
        ),
      },
      ...pagesOf(seen.doc, keys.groupId, online),
    ]
    const stored = {
      papers: listPapers(seen.doc).length,
      comments: listComments(seen.doc, targetId).length,
      notes: listAnnotations(seen.doc, targetId).length,
      tags: tagCounts(seen.doc).length,
      rounds: listRounds(seen.doc).length,
      meetings: listMeetings(seen.doc).length,
    }
    const imported = markersIn(
      [
        ...Object.values(hostileImports()),
        JSON.stringify([...hostileArxivEntries().values()]),
      ].join('\n'),
    )
    const kept = markersIn(JSON.stringify(listPapers(seen.doc)))
    const dropped = [...imported].filter((marker) => !kept.has(marker))
    seen.close()

    const missing: string[] = []
    let checks = 0
    const byField = new Map<string, { values: Set<string>; views: number }>()
    for (const check of pages) {
      await page.goto(url(check.hash))
      await page.setViewportSize(check.name === 'library' ? TALL : DESKTOP)
      if (check.name.startsWith('meeting ')) {
        await page.getByRole('button', { name: 'Show a preview' }).click()
      }
      if (check.name === 'library') {
        // Its feed shows a screenful of cards at a time: inspectScrolling reads them all.
        await page.locator('.feed-card').first().waitFor(WITHIN)
      } else {
        // The home page opens every joined group (here 19) before it can name them all.
        await settle(page, check, check.name === 'home' ? 20_000 : 8_000)
      }
      const found =
        check.name === 'library' ? await inspectScrolling(page) : await inspectPage(page)
      problems.push(...found.problems.map((problem) => `${check.name}: ${problem}`))
      katexErrors += found.katexErrors
      const text = markersIn(found.text)
      for (const marker of check.markers) {
        if (!text.has(marker)) {
          missing.push(`${check.name}: ${marker}`)
          continue
        }
        checks += 1
        const field = /^zq([a-z]+)\d\dq$/.exec(marker)?.[1] ?? '?'
        const entry = byField.get(field) ?? { values: new Set<string>(), views: 0 }
        entry.values.add(marker)
        entry.views += 1
        byField.set(field, entry)
      }
    }
    await page.setViewportSize(DESKTOP)
    lap('pages checked')

    const fields = Object.keys(counts)
    const values = Object.values(counts).reduce((sum, n) => sum + n, 0)
    report.push(
      `${XSS_PAYLOADS.length} payloads; ${fields.length} kinds of write, ${values} hostile values written:`,
      ...fields.map((field) => `  ${counts[field]} × ${field}`),
      `stored and readable: ${JSON.stringify(stored)}`,
      `imported values the importers or the model left out: ${dropped.join(' ') || 'none'}`,
      'group descriptions (ud, gd) are not checked for text: no page shows a group description',
      `${pages.length} pages opened by the second member; ${checks} (value, page) pairs shown as text; ${missing.length} missing`,
      `${byField.size} fields seen as text (values × page views):`,
      ...[...byField].map(
        ([field, seen]) =>
          `  ${FIELD_NAMES[field] ?? field}: ${seen.values.size} values × ${seen.views} views`,
      ),
      `${problems.length} signs of live markup, ${dialogs.length} dialogs`,
      `${katexErrors} KaTeX error spans whose inline colour the CSP blocked (no member CSS)`,
    )
    const blocked = problems.filter((problem) => problem.includes('CSP blocked'))
    expect(
      problems.filter((problem) => !blocked.includes(problem)),
      'markup, handlers, links or styles made live',
    ).toEqual([])
    expect(dialogs, 'dialogs opened by a payload').toEqual([])
    expect(missing, 'hostile values not shown as text where they belong').toEqual([])
    // The CSP stopped something the page tried to run or style inline: markup a member made.
    expect(blocked, 'CSP violations while showing hostile values').toEqual([])
  })

  it('sees live markup when a page has some (the checks above can fail)', async () => {
    const page = await mallory.newPage()
    await page.goto(url(`#g/${keys.groupId}/rounds`))
    await page.getByRole('heading', { name: 'Rounds' }).first().waitFor(WITHIN)
    expect((await inspectPage(page)).problems).toEqual([])
    await page.evaluate(() => {
      const planted = document.createElement('div')
      // What a renderer that let member markup through would leave in the page.
      planted.innerHTML = [
        '<a href=" java\tscript:alert(1)">a</a>',
        '<b onclick="alert(1)">b</b>',
        '<a href="https://example.org" target="_blank">c</a>',
        '<iframe src="about:blank"></iframe>',
        '<svg><a href="data:text/html,x">d</a></svg>',
      ].join('')
      document.querySelector('main')?.append(planted)
      const styled = document.createElement('span')
      styled.style.setProperty('background', 'url("https://evil.invalid/x.png")')
      document.querySelector('main')?.append(styled)
    })
    const found = (await inspectPage(page)).problems.join('\n')
    for (const sign of [
      'CSP blocked script-src-attr',
      'onclick attribute',
      'link to javascript:',
      'new-window link without noopener',
      '<iframe> element',
      'href="data:',
      'style="background',
    ]) {
      expect(found).toContain(sign)
    }
    await page.close()
  })

  it('serves a CSP that blocks inline script, inline handlers and inline style', async () => {
    const response = await fetch(url(''))
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toBe(CONTENT_SECURITY_POLICY)
    const directives = new Map(
      policy.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])

    const page = await ben.newPage()
    await page.goto(url(`#g/${keys.groupId}`))
    await page.locator('.result-count').waitFor(WITHIN)
    const outcome = await page.evaluate(async () => {
      const blocked: string[] = []
      document.addEventListener('securitypolicyviolation', (event) =>
        blocked.push(event.effectiveDirective),
      )
      const scope = window as unknown as { __probe?: string }
      document.body.insertAdjacentHTML(
        'beforeend',
        `<img src="/no-such-image" onerror="window.__probe='handler'">`,
      )
      const script = document.createElement('script')
      script.textContent = "window.__probe = 'script'"
      document.body.append(script)
      const styled = document.createElement('p')
      styled.setAttribute('style', 'color: rgb(1, 2, 3)')
      document.body.append(styled)
      const until = Date.now() + 5_000
      while (blocked.length < 3 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return {
        probe: scope.__probe ?? null,
        blocked: blocked.sort(),
        colour: getComputedStyle(styled).color,
      }
    })
    report.push(`CSP: blocked ${outcome.blocked.join(', ')}`)
    expect(outcome.probe).toBeNull()
    expect(outcome.blocked).toEqual(['script-src-attr', 'script-src-elem', 'style-src-attr'])
    expect(outcome.colour).not.toBe('rgb(1, 2, 3)')
    await page.close()
  })
})
