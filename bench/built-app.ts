/**
 * A fresh production build of the client, served with the demo group by the real sync server:
 * what bench/bundle.ts and bench/lighthouse.ts load in Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { inviteLink, type GroupKeys } from '../shared/invite'
import { buildApp } from '../test/e2e/build-app.global-setup'
import { startDemoServer } from '../test/helpers/demo-server'
import type { SyncServer } from '../server/sync-server'

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
 * Builds the app and serves it with the demo group (68 papers) on a free loopback port, as the
 * end-to-end tests do. With `prebuilt`, serves that build instead (left in place on close), to
 * compare two versions.
 */
export async function startBuiltApp(prebuilt?: string): Promise<BuiltApp> {
  const appDir = prebuilt ?? (await mkdtemp(join(tmpdir(), 'margins-bench-app-')))
  const removeBuild = () =>
    prebuilt === undefined ? rm(appDir, { recursive: true, force: true }) : Promise.resolve()
  try {
    if (prebuilt === undefined) await buildApp(appDir)
    const demo = await startDemoServer(appDir)
    return {
      appDir,
      server: demo.server,
      keys: demo.keys,
      invite: inviteLink(demo.server.url, demo.keys.groupId, demo.keys.writeKey),
      close: async () => {
        await demo.close()
        await removeBuild()
      },
    }
  } catch (error) {
    await removeBuild()
    throw error
  }
}

/** The machine a run was made on, for the table's heading. */
export function machine(): string {
  const cores = cpus()
  return `node ${process.version}, ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores`
}
