import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { inviteLink, type GroupKeys } from '../../shared/invite'
import { ensureDemoGroup } from '../../server/demo'
import { createSyncServer, type SyncServer } from '../../server/sync-server'
import { createSqliteStore } from '../../server/store/sqlite-store'
import type { DocStore } from '../../server/store/doc-store'
import { launchBrowser } from '../helpers/browser'

const WITHIN = { timeout: 15_000 }

/**
 * Makes every IndexedDB open fail asynchronously, as Chromium does when site data is blocked or
 * its backing store is broken: each open asks for a version below the one already there.
 */
function blockIndexedDb(): void {
  const open = IDBFactory.prototype.open
  const factory = window.indexedDB
  open.call(factory, 'blocked-store', 2)
  IDBFactory.prototype.open = function () {
    return open.call(this, 'blocked-store', 1)
  }
}

describe('a browser that cannot keep data', () => {
  let dataDir: string
  let store: DocStore
  let server: SyncServer
  let keys: GroupKeys
  let browser: Browser

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'margins-e2e-blocked-'))
    store = createSqliteStore({ dataDir })
    keys = await ensureDemoGroup(dataDir, store)
    server = await createSyncServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      store,
      staticDir: inject('appDir'),
      log: () => undefined,
    })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await store?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('still opens the group from the server and says that nothing is kept offline', async () => {
    const context = await browser.newContext()
    await context.addInitScript(blockIndexedDb)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(inviteLink(server.url, keys.groupId, keys.readKey))

    await expect
      .poll(() => page.locator('.sync-status').getAttribute('data-status'), WITHIN)
      .toBe('synced')
    await expect.poll(() => page.locator('.result-count').textContent(), WITHIN).toBe('68 papers')
    await page.getByText('does not let Margins keep the group on this device').waitFor(WITHIN)
    expect(errors).toEqual([])
    await context.close()
  })
})
