/**
 * A fresh production build of the client, served with the demo group by the real sync server:
 * what bench/bundle.ts and bench/lighthouse.ts load in Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { inviteLink, type GroupKeys } from '../shared/invite'
import { buildApp } from '../test/e2e/build-app.global-setup'
import { ensureDemoGroup } from '../server/demo'
import { createSyncServer, type SyncServer } from '../server/sync-server'
import { createSqliteStore } from '../server/store/sqlite-store'
import type { DocStore } from '../server/store/doc-store'

/** The demo group's library, served from a temporary build; `close` removes both. */
export interface BuiltApp {
  /** Where the build is (never dist/, which a developer may be serving). */
  appDir: string
  server: SyncServer
  keys: GroupKeys
  /** The invite link a new member opens: it lands on the group's library. */
  invite: string
  close(): Promise<void>
}

/**
 * Builds the app and serves it with the demo group (68 papers) on a free loopback port. With
 * `prebuilt`, serves that build instead (left in place on close), to compare two versions.
 */
export async function startBuiltApp(prebuilt?: string): Promise<BuiltApp> {
  const appDir = prebuilt ?? (await mkdtemp(join(tmpdir(), 'margins-bench-app-')))
  const dataDir = await mkdtemp(join(tmpdir(), 'margins-bench-data-'))
  const owned = prebuilt === undefined ? [appDir, dataDir] : [dataDir]
  let store: DocStore | undefined
  try {
    if (prebuilt === undefined) await buildApp(appDir)
    store = createSqliteStore({ dataDir })
    const keys = await ensureDemoGroup(dataDir, store)
    const server = await createSyncServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      store,
      staticDir: appDir,
      log: () => {},
    })
    const opened = store
    return {
      appDir,
      server,
      keys,
      invite: inviteLink(server.url, keys.groupId, keys.writeKey),
      close: async () => {
        await server.close()
        await opened.close()
        await removeAll(...owned)
      },
    }
  } catch (error) {
    await store?.close()
    await removeAll(...owned)
    throw error
  }
}

async function removeAll(...dirs: string[]): Promise<void> {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
}

/** The machine a run was made on, for the table's heading. */
export function machine(): string {
  const cores = cpus()
  return `node ${process.version}, ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores`
}
