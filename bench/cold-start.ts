/**
 * Cold start of a large group: its encoded size; how long a cold page load takes to render the
 * library from IndexedDB in headless Chromium (from the copy of its first screen, and then from
 * the document itself), next to the floor (Y.applyUpdate of the same state in the same
 * Chromium); and how long the server takes to load the group's room from SQLite, next to
 * Y.applyUpdate in Node.
 *
 *   npm run bench:cold-start                 2,000 papers, 20,000 annotations and comments
 *   npm run bench:cold-start -- --smoke      100 papers, 3 runs (CI: proves it still works)
 *   options: --papers N  --runs N  --app DIR (an existing `vite build --outDir DIR`)
 *
 * The device's copy is made the way a member's is: the app opens the invite link, syncs the
 * whole group from the Margins server and keeps it in IndexedDB. Then the server is replaced by
 * one serving only the app's files on the same origin (the sync socket is refused), so a load
 * shows only what IndexedDB holds; each cold load starts a new Chromium on that profile.
 */
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { inviteLink } from '../shared/invite'
import { LARGE_GROUP, generateGroup, groupOfSize } from './generate-group'
import { argument, median } from './measure'
import {
  builtApp,
  runBrowserBench,
  libraryRendered,
  machine,
  openProfile,
  serveAppOnly,
  serveGroup,
  storedCopy,
  tempDir,
  type Rendered,
} from './cold-start-app'
import { browserFloor } from './cold-start-floor'
import { roomLoad } from './cold-start-room'

const smoke = process.argv.includes('--smoke')
const size = groupOfSize(argument('papers') ?? (smoke ? 100 : LARGE_GROUP.papers))
const runs = argument('runs') ?? (smoke ? 3 : 7)
/** How long the app may take to show the library before the benchmark counts it broken. */
const RENDER_TIMEOUT_MS = smoke ? 30_000 : 120_000
/** Time the app gets after rendering to finish its own writes before the browser closes. */
const SETTLE_MS = smoke ? 500 : 3_000

const ms = (value: number) => `${value.toFixed(0)} ms`
/** Progress on stderr, so that the table on stdout stays clean. */
const step = (line: string) => console.error(`[cold-start] ${line}`)
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`

async function waitForStoredCopy(page: Page, groupId: string, bytes: number) {
  const deadline = Date.now() + RENDER_TIMEOUT_MS
  for (;;) {
    const copy = await storedCopy(page, groupId)
    if (copy.bytes >= bytes && copy.firstScreen) return copy
    if (Date.now() > deadline) {
      const first = copy.firstScreen ? 'and' : 'but not'
      throw new Error(`the device kept ${copy.bytes} of ${bytes} bytes, ${first} its first screen`)
    }
    await page.waitForTimeout(200)
  }
}

async function main() {
  const built = performance.now()
  const state = Y.encodeStateAsUpdate(generateGroup(size))
  const stateV2 = Y.convertUpdateFormatV1ToV2(state)
  console.log(`generated ${JSON.stringify(size)} in ${ms(performance.now() - built)}`)

  step('room loads')
  const room = await roomLoad(state, runs)
  step('building the app')
  const appDir = await builtApp()
  const served = await serveGroup(appDir, state)
  const { groupId } = served.keys
  const origin = served.server.url
  const profileDir = await tempDir('margins-bench-profile-')

  step('first sync of the device')
  // A member's device: joins by the invite link and keeps the whole group.
  const seeding = await openProfile(profileDir)
  const browserVersion = seeding.browser()?.version() ?? 'unknown'
  const joined = await seeding.newPage()
  await joined.goto(inviteLink(origin, groupId, served.keys.writeKey))
  const firstSync = await libraryRendered(joined, size.papers, RENDER_TIMEOUT_MS)
  step('library rendered; waiting for the device to keep it')
  const seeded = await waitForStoredCopy(joined, groupId, Math.floor(state.byteLength * 0.9))
  await joined.waitForTimeout(SETTLE_MS)
  await seeding.close()
  await served.close()
  console.log(`device copy: ${seeded.rows} rows, ${mib(seeded.bytes)}`)

  step('cold loads')
  const appOnly = await serveAppOnly(appDir, served.server.port)
  const library = `${origin}/#g/${groupId}`
  const cold: Rendered[] = []
  const rowsAfter: number[] = []
  for (let i = 0; i < runs; i++) {
    const context = await openProfile(profileDir)
    const page = await context.newPage()
    await page.goto(library)
    cold.push(await libraryRendered(page, size.papers, RENDER_TIMEOUT_MS, true))
    await page.waitForTimeout(SETTLE_MS)
    rowsAfter.push((await storedCopy(page, groupId)).rows)
    await context.close()
  }
  // The browser already running, the app opened in a new tab.
  const warm: Rendered[] = []
  const context = await openProfile(profileDir)
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage()
    await page.goto(library)
    warm.push(await libraryRendered(page, size.papers, RENDER_TIMEOUT_MS, true))
    await page.waitForTimeout(SETTLE_MS)
    await page.close()
  }
  await context.close()

  step('floor')
  const floor = await browserFloor(origin, state, runs)
  await new Promise<void>((resolve) => appOnly.close(() => resolve()))

  const at = (rendered: Rendered[], pick: (r: Rendered) => number) => median(rendered.map(pick))
  const onScreen = at(cold, (r) => r.painted)
  const x = (value: number, floorMs: number) => (value / floorMs).toFixed(2)
  console.log(`\n${machine(browserVersion)}; median of ${runs} runs; ${JSON.stringify(size)}`)
  console.log(`stored rows after each cold load: ${rowsAfter.join(', ')}`)
  console.table({
    'encoded state (V1)': { Margins: mib(state.byteLength) },
    'encoded state (V2)': { Margins: mib(stateV2.byteLength) },
    'cold load: library on screen': {
      Margins: ms(onScreen),
      floor: ms(floor.applyUpdate),
      'x floor': x(onScreen, floor.applyUpdate),
    },
    'cold load: first card in the DOM': { Margins: ms(at(cold, (r) => r.card)) },
    'cold load: library live (from the document)': {
      Margins: ms(at(cold, (r) => r.live)),
      floor: ms(floor.applyUpdate),
      'x floor': x(
        at(cold, (r) => r.live),
        floor.applyUpdate,
      ),
    },
    'new tab: library on screen': {
      Margins: ms(at(warm, (r) => r.painted)),
      floor: ms(floor.applyUpdate),
      'x floor': x(
        at(warm, (r) => r.painted),
        floor.applyUpdate,
      ),
    },
    'cold load: app scripts run (DOMContentLoaded)': { Margins: ms(at(cold, (r) => r.scripts)) },
    'cold load: stored copy read': {
      Margins: ms(at(cold, (r) => r.read)),
      floor: `getAll ${ms(floor.read)}`,
    },
    'cold load: stored copy applied': {
      Margins: ms(at(cold, (r) => r.applied)),
      floor: `apply ${ms(floor.applyUpdate)}`,
    },
    'first sync of the seeding device': { Margins: ms(firstSync.painted) },
    'server: room load from SQLite': {
      Margins: ms(room.room),
      floor: ms(room.floor),
      'x floor': x(room.room, room.floor),
    },
    'server: SQLite read alone': { Margins: ms(room.read) },
  })
  console.log(
    'ms from navigation start, in the page; floor = new Y.Doc() + Y.applyUpdate of the state in a fresh page of the same Chromium (Node for the server)',
  )
  console.log('targets: cold load < 1000 ms and < 2x the floor')
}

runBrowserBench(main)
