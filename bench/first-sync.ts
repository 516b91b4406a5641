/**
 * First sync of a large group: how long a fresh device (a new Chromium profile, nothing in
 * IndexedDB) takes from opening the invite link to having the whole group (the library counts
 * every paper, and the device keeps a complete copy), and proof that this stays within the stock
 * y-websocket client's liveness limit (it closes a socket that hears nothing for 30 s and
 * reconnects): the page opens exactly one WebSocket for the group's document (and one for the
 * member's private document: read marks, reading positions), and the group's stays open, with
 * messages arriving, for longer than one liveness period after the sync. Next to it, the transfer alone: a stock
 * y-websocket client in Node (no browser, no IndexedDB, no rendering) syncing the same group.
 *
 *   npm run bench:first-sync                 2,000 papers, 20,000 annotations and comments
 *   npm run bench:first-sync -- --smoke      100 papers, a short hold (CI: proves it works)
 *   options: --papers N  --hold SECONDS  --app DIR (an existing `vite build --outDir DIR`)
 *
 * Each client meets a server that has just started, so each first sync includes loading the
 * group's room from SQLite. Exits non-zero if the library never renders, the copy is never
 * complete, or the page opens a second WebSocket to either document.
 */
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type { Page, WebSocket as PageSocket } from 'playwright-core'
import { inviteLink } from '../shared/invite'
import { listPapers } from '../shared/model'
import { LARGE_GROUP, generateGroup, groupOfSize } from './generate-group'
import { argument } from './measure'
import {
  builtApp,
  runBrowserBench,
  libraryRendered,
  machine,
  openProfile,
  serveGroup,
  storedCopy,
  tempDir,
} from './cold-start-app'

const smoke = process.argv.includes('--smoke')
const size = groupOfSize(argument('papers') ?? (smoke ? 100 : LARGE_GROUP.papers))
/** The stock client's messageReconnectTimeout (y-websocket 3, src/y-websocket.js). */
const LIVENESS_MS = 30_000
/** How long the connection is watched after the sync: past one liveness period. */
const HOLD_MS = (argument('hold') ?? (smoke ? 3 : 35)) * 1000
const SYNC_TIMEOUT_MS = smoke ? 30_000 : 120_000

const step = (line: string) => console.error(`[first-sync] ${line}`)
const ms = (value: number) => `${value.toFixed(0)} ms`

/** A socket the page opened, and what it saw. */
interface Watched {
  socket: PageSocket
  url: string
  openedAt: number
  received: number[]
  closedAt?: number
}

function watchSockets(page: Page): Watched[] {
  const sockets: Watched[] = []
  page.on('websocket', (socket) => {
    const watched: Watched = { socket, url: socket.url(), openedAt: Date.now(), received: [] }
    socket.on('framereceived', () => watched.received.push(Date.now()))
    socket.on('close', () => (watched.closedAt = Date.now()))
    sockets.push(watched)
  })
  return sockets
}

async function completeCopy(page: Page, groupId: string, bytes: number): Promise<number> {
  const deadline = Date.now() + SYNC_TIMEOUT_MS
  for (;;) {
    const copy = await storedCopy(page, groupId)
    if (copy.bytes >= bytes) return (await page.evaluate('performance.now()')) as number
    if (Date.now() > deadline) throw new Error(`the device kept ${copy.bytes} of ${bytes} bytes`)
    await page.waitForTimeout(100)
  }
}

async function inBrowser(appDir: string, state: Uint8Array) {
  const served = await serveGroup(appDir, state)
  const { groupId, writeKey } = served.keys
  try {
    const context = await openProfile(await tempDir('margins-bench-fresh-profile-'))
    const version = context.browser()?.version() ?? 'unknown'
    const page = await context.newPage()
    const sockets = watchSockets(page)
    await page.goto(inviteLink(served.server.url, groupId, writeKey))
    const rendered = await libraryRendered(page, size.papers, SYNC_TIMEOUT_MS)
    const stored = await completeCopy(page, groupId, Math.floor(state.byteLength * 0.9))
    const syncedAt = Date.now()
    step(`browser synced; holding the connection ${HOLD_MS / 1000} s`)
    await page.waitForTimeout(HOLD_MS)
    const toGroup = sockets.filter((watched) => socketPath(watched.url) === `/sync/${groupId}`)
    const first = toGroup[0]
    const after = first ? first.received.filter((at) => at > syncedAt) : []
    await context.close()
    return {
      version,
      rendered,
      stored,
      sockets: toGroup.length,
      privateSockets: sockets.length - toGroup.length,
      openAfterHold: first !== undefined && first.closedAt === undefined,
      messagesAfterSync: after.length,
      longestSilence: Math.max(0, ...gaps([syncedAt, ...after, syncedAt + HOLD_MS])),
    }
  } finally {
    await served.close()
  }
}

const socketPath = (url: string) => new URL(url).pathname

function gaps(times: number[]): number[] {
  return times.slice(1).map((at, i) => at - (times[i] as number))
}

async function inNode(state: Uint8Array) {
  const served = await serveGroup('/nonexistent-app', state)
  const { groupId, writeKey } = served.keys
  const doc = new Y.Doc()
  let connections = 0
  let received: number[] = []
  const start = performance.now()
  const provider = new WebsocketProvider(
    `${served.server.url.replace(/^http/, 'ws')}/sync`,
    groupId,
    doc,
    {
      params: { token: writeKey },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  )
  provider.on('status', ({ status }) => {
    if (status === 'connected') connections += 1
  })
  try {
    const synced = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Node client never synced')), SYNC_TIMEOUT_MS)
      provider.on('sync', (done: boolean) => {
        if (!done) return
        clearTimeout(timer)
        resolve(performance.now() - start)
      })
    })
    const papers = listPapers(doc).length
    const syncedAt = Date.now()
    received = []
    provider.ws?.addEventListener('message', () => received.push(Date.now()))
    step(`node synced; holding the connection ${HOLD_MS / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS))
    return {
      synced,
      papers,
      connections,
      openAfterHold: provider.wsconnected,
      messagesAfterSync: received.length,
      longestSilence: Math.max(0, ...gaps([syncedAt, ...received, syncedAt + HOLD_MS])),
    }
  } finally {
    provider.destroy()
    doc.destroy()
    await served.close()
  }
}

async function main() {
  const state = Y.encodeStateAsUpdate(generateGroup(size))
  step(`generated ${JSON.stringify(size)}: ${(state.byteLength / 1024 / 1024).toFixed(2)} MiB`)
  const appDir = await builtApp()
  step('node client')
  const node = await inNode(state)
  step('browser')
  const browser = await inBrowser(appDir, state)

  const held = `${HOLD_MS / 1000} s after sync`
  console.log(`\n${machine(browser.version)}; ${JSON.stringify(size)}`)
  console.log(`stock client liveness limit: ${LIVENESS_MS / 1000} s without a message`)
  console.table({
    'whole group (library counts all papers, on screen)': {
      'Margins app': ms(Math.max(browser.rendered.counted, browser.rendered.painted)),
      'Node y-websocket': ms(node.synced),
    },
    'first paper card': { 'Margins app': ms(browser.rendered.card), 'Node y-websocket': '' },
    'complete copy in IndexedDB': { 'Margins app': ms(browser.stored), 'Node y-websocket': '' },
    'WebSocket connections to the group': {
      'Margins app': browser.sockets,
      'Node y-websocket': node.connections,
    },
    "WebSocket connections to the member's private document": {
      'Margins app': browser.privateSockets,
      'Node y-websocket': '',
    },
    [`connection open ${held}`]: {
      'Margins app': browser.openAfterHold,
      'Node y-websocket': node.openAfterHold,
    },
    [`messages received in the ${held}`]: {
      'Margins app': browser.messagesAfterSync,
      'Node y-websocket': node.messagesAfterSync,
    },
    'longest silence after sync': {
      'Margins app': ms(browser.longestSilence),
      'Node y-websocket': ms(node.longestSilence),
    },
  })
  console.log('app times are from navigation start (the invite link opened), in the page')
  const broken = [
    browser.sockets !== 1 && `the page opened ${browser.sockets} WebSockets to the group`,
    browser.privateSockets > 1 &&
      `the page opened ${browser.privateSockets} WebSockets to the private document`,
    !browser.openAfterHold && 'the page lost its connection after the sync',
    node.connections !== 1 && `the Node client connected ${node.connections} times`,
    node.papers !== size.papers && `the Node client has ${node.papers} papers`,
    HOLD_MS > LIVENESS_MS &&
      browser.longestSilence >= LIVENESS_MS &&
      'the page heard nothing for a whole liveness period',
  ].filter(Boolean)
  if (broken.length > 0) {
    console.error(`BROKEN: ${broken.join('; ')}`)
    process.exitCode = 1
  }
}

runBrowserBench(main)
