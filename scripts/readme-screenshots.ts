/**
 * `npm run screenshots`: the README's screenshots. Seeds the demo group with a little activity
 * from three members, serves the built app (`npm run build` first) and photographs the library
 * and a paper page at desktop and phone width in headless Chromium, into `screenshots/`.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { createSqliteStore } from '../server/store/sqlite-store'
import { ensureDemoGroup } from '../server/demo'
import { createSyncServer } from '../server/sync-server'
import { inviteLink } from '../shared/invite'
import {
  addAnnotation,
  addComment,
  addTag,
  listPapers,
  selectorsFor,
  setReadingStatus,
  toggleVote,
  upsertMember,
} from '../shared/model'
import { launchBrowser } from '../test/helpers/browser'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'screenshots')
await mkdir(out, { recursive: true })
const dataDir = await mkdtemp(join(tmpdir(), 'margins-screenshots-'))
const store = createSqliteStore({ dataDir })
const keys = await ensureDemoGroup(dataDir, store)
const doc = new Y.Doc()
for (const u of await store.load(keys.groupId)) Y.applyUpdate(doc, u)
const before = Y.encodeStateVector(doc)
const t = Date.now() - 3 * 3600_000
const who = [
  { memberId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Priya Raman', colour: '#1b7f5f' },
  { memberId: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Tomás Alves', colour: '#c05600' },
  { memberId: 'CCCCCCCCCCCCCCCCCCCCCC', name: 'Mei Chen', colour: '#7c3aed' },
]
const act = (i: number, m = 0) => ({
  memberId: who[i % who.length]?.memberId ?? '',
  now: t + m * 60_000,
})
who.forEach((w, i) => upsertMember(doc, act(i), { name: w.name, colour: w.colour }))
const papers = listPapers(doc)
const paper = papers.find((p) => p.title.startsWith('Discrete Key-Value'))
if (!paper) throw new Error('the demo group has no "Discrete Key-Value Bottleneck"')
for (const [i, p] of papers.slice(0, 6).entries()) {
  for (let m = 0; m <= i % 3; m++) toggleVote(doc, act(m, i), p.id)
  addTag(
    doc,
    act(i % 3, i),
    p.id,
    ['continual learning', 'efficiency', 'vision', 'llm'][i % 4] ?? 'llm',
  )
}
for (let m = 0; m < 3; m++) toggleVote(doc, act(m, 5), paper.id)
addTag(doc, act(0), paper.id, 'continual learning')
addTag(doc, act(1), paper.id, 'to discuss')
setReadingStatus(doc, act(0), paper.id, 'read')
setReadingStatus(doc, act(2), paper.id, 'reading')
const text = paper.abstract
const hl = (i: number, phrase: string, note: string, m: number) => {
  const start = text.indexOf(phrase)
  return addAnnotation(doc, act(i, m), {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(text, start, start + phrase.length) },
    note,
  })
}
const a1 = hl(
  0,
  'non-stationary training data streams',
  'This is the **setting** the whole paper is about.',
  10,
)
hl(
  1,
  'discrete bottleneck containing pairs of separate and learnable key-value codes',
  'Compare with VQ-VAE codebooks: $z_q = \\arg\\min_k \\lVert z - e_k \\rVert$.',
  20,
)
hl(2, 'learnable key-value codes', '', 25)
const c1 = addComment(doc, act(1, 30), {
  paperId: paper.id,
  annotationId: a1.id,
  body: 'Do they test class-incremental or only domain-incremental streams?',
})
addComment(doc, act(0, 40), {
  paperId: paper.id,
  parentId: c1.id,
  body: 'Both — see Table 2. Class-incremental is the harder one.',
})
addComment(doc, act(2, 50), {
  paperId: paper.id,
  body: "Shall we pick this for Thursday? It pairs well with last week's *adapter* paper.",
})
await store.append(keys.groupId, Y.encodeStateAsUpdate(doc, before))

const server = await createSyncServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  store,
  staticDir: join(root, 'dist'),
  log: () => {},
})
const browser = await launchBrowser()
for (const [name, viewport, scheme] of [
  ['desktop', { width: 1280, height: 800 }, 'light'],
  ['phone', { width: 360, height: 740 }, 'light'],
  ['phone-dark', { width: 360, height: 740 }, 'dark'],
] as const) {
  const ctx = await browser.newContext({
    viewport,
    colorScheme: scheme,
    deviceScaleFactor: name === 'desktop' ? 1 : 2,
  })
  await ctx.addInitScript(() =>
    localStorage.setItem(
      'margins:profile',
      JSON.stringify({
        memberId: 'DDDDDDDDDDDDDDDDDDDDDD',
        name: 'Ada Lovelace',
        colour: '#1d4ed8',
      }),
    ),
  )
  const page = await ctx.newPage()
  await page.goto(inviteLink(server.url, keys.groupId, keys.writeKey))
  await page.locator('.result-count').waitFor()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `${out}/${name}-library.png` })
  await page.getByLabel('Search papers').fill('Discrete Key-Value')
  await page.getByRole('link', { name: paper.title, exact: true }).first().click()
  await page.locator('.abstract-text .highlight').first().waitFor()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `${out}/${name}-paper.png` })
  if (name === 'phone') {
    await page.getByRole('button', { name: /Annotations/ }).click()
    await page.waitForTimeout(800)
    await page.screenshot({ path: `${out}/${name}-sheet.png` })
  }
  await ctx.close()
}
await browser.close()
await server.close()
await store.close()
await rm(dataDir, { recursive: true, force: true })
console.log(`Screenshots in ${out}`)
