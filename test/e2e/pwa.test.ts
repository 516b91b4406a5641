import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import * as Y from 'yjs'
import { inviteLink, type GroupKeys } from '../../shared/invite'
import { listPapers } from '../../shared/model'
import { paperHref } from '../../client/app/route'
import { COMPACT_AT_ROWS } from '../../client/data/local-store'
import { ensureDemoGroup } from '../../server/demo'
import { createSyncServer, type SyncServer } from '../../server/sync-server'
import { createSqliteStore } from '../../server/store/sqlite-store'
import type { DocStore } from '../../server/store/doc-store'
import { launchBrowser } from '../helpers/browser'
import { buildApp } from './build-app.global-setup'
import {
  cachedPaths,
  hasWaitingServiceWorker,
  pngSize,
  updateRows,
  waitForServiceWorkerControl,
} from '../helpers/service-worker'

const DEMO_NAME = 'Margins demo reading group'
const DEMO_PAPERS = '68 papers'
const KNOWN_TITLE = 'Discrete Key-Value Bottleneck'
const UPDATE_QUESTION = 'A new version of Margins is ready.'
const SHOTS = join(tmpdir(), 'margins-e2e-screenshots')
const WITHIN = { timeout: 15_000 }
const MOBILE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }
/** The server's own paths, which the app shell must never stand in for. */
const ENDPOINTS = ['/api/nothing', '/sync/nothing', '/metrics', '/healthz']

/** The library's count of papers, which shows once the group's document is loaded. */
function libraryCount(page: Page) {
  return page.locator('.result-count').textContent()
}

function syncStatus(page: Page) {
  return page.locator('.sync-status').getAttribute('data-status')
}

/** Every file of a build, as URL paths. */
async function buildFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath.slice(dir.length)}/${entry.name}`.replace(/^\/+/, '/'))
}

/**
 * A second production build of the same app whose index.html differs, as any deploy's would:
 * vite-plugin-pwa gives it a service worker with a new precache revision.
 */
function buildNextVersion(outDir: string): Promise<void> {
  return buildApp(outDir, [
    {
      name: 'margins-next-version',
      transformIndexHtml: (html: string) =>
        html.replace('</head>', '<meta name="margins-build" content="next" /></head>'),
    },
  ])
}

describe('the installable, offline app', () => {
  let dataDir: string
  let nextDir: string
  let store: DocStore
  let server: SyncServer
  let keys: GroupKeys
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const startServer = (staticDir: string, port = 0) =>
    createSyncServer({ port, host: '127.0.0.1', dataDir, store, staticDir, log: () => {} })

  /** A fresh browser profile on the demo group, joined as a member, app installed. */
  async function joinedMember(viewport = MOBILE): Promise<Page> {
    const context = await browser.newContext({ viewport })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(inviteLink(server.url, keys.groupId, keys.writeKey))
    await page.getByLabel('Your name').fill('Ada')
    await page.getByRole('button', { name: 'Join the group' }).click()
    await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
    await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
    await waitForServiceWorkerControl(page)
    return page
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'margins-e2e-pwa-'))
    nextDir = await mkdtemp(join(tmpdir(), 'margins-e2e-next-app-'))
    store = createSqliteStore({ dataDir })
    keys = await ensureDemoGroup(dataDir, store)
    server = await startServer(inject('appDir'))
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
    await store?.close()
    for (const dir of [dataDir, nextDir]) if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('serves a manifest with what an install needs, its icons, and uncached worker files', async () => {
    const html = await (await fetch(server.url)).text()
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">')
    expect(html).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"')
    expect(html).toMatch(
      /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: light\)"/,
    )
    expect(html).toMatch(
      /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)"/,
    )

    const response = await fetch(`${server.url}/manifest.webmanifest`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/manifest+json')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const manifest = (await response.json()) as Record<string, unknown> & {
      icons: { src: string; sizes: string; type: string; purpose?: string }[]
    }
    expect(manifest).toMatchObject({
      name: 'Margins',
      short_name: 'Margins',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    })
    expect(manifest.description).toEqual(expect.any(String))
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/)
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/)

    const pngs = manifest.icons.filter((icon) => icon.type === 'image/png')
    expect(pngs.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(pngs.some((icon) => icon.purpose?.split(' ').includes('maskable'))).toBe(true)
    expect(manifest.icons.map((icon) => icon.src)).toContain('/favicon.svg')
    for (const icon of [...manifest.icons, { src: '/apple-touch-icon.png', type: 'image/png' }]) {
      const file = await fetch(new URL(icon.src, server.url))
      expect(file.status, icon.src).toBe(200)
      expect(file.headers.get('content-type'), icon.src).toBe(icon.type)
      const bytes = new Uint8Array(await file.arrayBuffer())
      if (icon.type !== 'image/png') continue
      const size = pngSize(bytes)
      expect(size, icon.src).toBeDefined()
      if ('sizes' in icon) expect(`${size?.width}x${size?.height}`).toBe(icon.sizes)
    }

    const workers = (await buildFiles(inject('appDir'))).filter((path) =>
      /^\/(sw|workbox-[\w-]+)\.js$/.test(path),
    )
    expect(workers).toContain('/sw.js')
    for (const path of workers) {
      const file = await fetch(`${server.url}${path}`)
      expect(file.headers.get('content-type'), path).toMatch(/javascript/)
      expect(file.headers.get('cache-control'), path).toBe('no-cache')
    }
  })

  it('opens offline from its service worker after one visit, the library and a paper', async () => {
    const page = await joinedMember()
    const context = page.context()

    // The whole app shell is precached: every file the build emitted but the worker itself and
    // the font formats the browser never picks over woff2.
    const shell = (await buildFiles(inject('appDir'))).filter(
      (path) => !/^\/(sw|workbox-[\w-]+)\.js$/.test(path) && !/\.(woff|ttf|br|gz)$/.test(path),
    )
    const precached = (await cachedPaths(page)).map((path) => path.replace(/\?.*$/, ''))
    expect(precached).toEqual(expect.arrayContaining(shell))
    // Never the compressed copies too: the server sends those in place of the files.
    expect(precached.filter((path) => /\.(br|gz)$/.test(path))).toEqual([])

    // The server's own endpoints, opened in a tab, are the server's answer and never kept:
    // the worker's fallback to the app shell, which catches every other navigation, skips them.
    const probe = await context.newPage()
    for (const path of ENDPOINTS) {
      const answer = await probe.goto(`${server.url}${path}`)
      expect(answer?.fromServiceWorker(), path).toBe(false)
      expect(answer?.headers()['content-type'], path).not.toMatch(/html/)
    }
    expect(
      (await cachedPaths(page)).filter((path) => /^\/(healthz|metrics|api|sync)\b/.test(path)),
    ).toEqual([])

    await context.setOffline(true)
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
    expect(await syncStatus(page)).toBe('offline')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(DEMO_NAME)
    await page.screenshot({ path: join(SHOTS, 'pwa-offline-360.png') })

    // A deep link opened cold, in a new tab, while offline.
    const doc = new Y.Doc()
    for (const update of await store.load(keys.groupId)) Y.applyUpdate(doc, update)
    const paper = listPapers(doc).find((p) => p.title === KNOWN_TITLE)
    expect(paper).toBeDefined()
    const tab = await context.newPage()
    tab.on('pageerror', (error) => pageErrors.push(error.message))
    const opened = await tab.goto(`${server.url}/${paperHref(keys.groupId, paper!.id)}`)
    expect(opened?.fromServiceWorker()).toBe(true)
    await tab.getByRole('heading', { level: 1, name: DEMO_NAME }).waitFor(WITHIN)
    // The paper's title is the page's h2 (its card in the library would be an h3).
    await tab.getByRole('heading', { level: 2, name: KNOWN_TITLE }).waitFor(WITHIN)
    expect(await tab.getByText('Page not found').count()).toBe(0)

    // Offline, opening an endpoint fails as it should rather than turning into the app.
    for (const path of ENDPOINTS) {
      await expect(probe.goto(`${server.url}${path}`), path).rejects.toThrow(
        /ERR_INTERNET_DISCONNECTED/,
      )
    }
    await context.setOffline(false)
    expect(pageErrors).toEqual([])
  })

  it('installs its offline copy once the network is back, when the first visit could not', async () => {
    const context = await browser.newContext({ viewport: MOBILE })
    contexts.push(context)
    // The worker's script cannot be fetched on the first visit, as on a connection that drops.
    let refused = 0
    await context.route('**/sw.js', (route) => {
      refused += 1
      return route.abort('internetdisconnected')
    })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(inviteLink(server.url, keys.groupId, keys.writeKey))
    await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
    await expect.poll(() => refused, WITHIN).toBeGreaterThan(0)
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull()

    // The connection comes back: no reload, yet the app installs itself for offline use.
    await context.unroute('**/sw.js')
    await context.setOffline(true)
    await context.setOffline(false)
    await waitForServiceWorkerControl(page)
    await context.setOffline(true)
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
  })

  it('keeps IndexedDB from growing however often the group is opened', async () => {
    const page = await joinedMember()
    const databases = [`margins-group-${keys.groupId}`, `margins-private-${keys.groupId}`]
    // A load stores nothing (client/data/local-store.ts), and a load that finds COMPACT_AT_ROWS
    // rows merges them: as nobody writes to the group meanwhile, every load leaves fewer than
    // that. (y-indexeddb added a row at every load: the rows reached it at load 8.)
    for (let load = 2; load <= 15; load++) {
      await page.reload()
      await expect.poll(() => syncStatus(page), WITHIN).toBe('synced')
      await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
      for (const name of databases) {
        await expect
          .poll(async () => (await updateRows(page, name)).rows, {
            ...WITHIN,
            message: `${name} after load ${load}`,
          })
          .toBeLessThan(COMPACT_AT_ROWS)
      }
    }
    expect(pageErrors).toEqual([])
  })

  it('offers a new version once it is deployed, keeps the old one on "Later", and switches on "Reload"', async () => {
    const page = await joinedMember()
    const marker = () =>
      page.evaluate(
        () => document.querySelector('meta[name="margins-build"]')?.getAttribute('content') ?? null,
      )
    const question = page.getByText(UPDATE_QUESTION)
    expect(await marker()).toBeNull()

    // Deploy: a new build, served by a restarted server on the same origin.
    await buildNextVersion(nextDir)
    const port = server.port
    await server.close()
    server = await startServer(nextDir, port)

    // The reload still runs the old version (the old worker serves it), which finds the new
    // worker installed and waiting, and asks.
    await page.reload()
    await question.waitFor(WITHIN)
    expect(await hasWaitingServiceWorker(page)).toBe(true)
    expect(await marker()).toBeNull()
    await page.screenshot({ path: join(SHOTS, 'pwa-update-360.png') })
    await page.setViewportSize(DESKTOP)
    await page.screenshot({ path: join(SHOTS, 'pwa-update-1280.png') })
    await page.setViewportSize(MOBILE)
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByRole('button', { name: 'Reload' }).focus()
    await page.screenshot({ path: join(SHOTS, 'pwa-update-dark-360.png') })
    await page.emulateMedia({ colorScheme: 'light' })

    await page.getByRole('button', { name: 'Later' }).click()
    expect(await question.count()).toBe(0)
    expect(await hasWaitingServiceWorker(page)).toBe(true)
    expect(await marker()).toBeNull()

    // It asks again on the next load, and "Reload" brings the new version in.
    await page.reload()
    await question.waitFor(WITHIN)
    await page.getByRole('button', { name: 'Reload' }).click()
    await expect.poll(marker, WITHIN).toBe('next')
    expect(await hasWaitingServiceWorker(page)).toBe(false)
    await expect.poll(() => libraryCount(page), WITHIN).toBe(DEMO_PAPERS)
    expect(await question.count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})
