import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GroupKeys } from '../../shared/invite'
import { ensureDemoGroup } from '../../server/demo'
import { createSyncServer, type SyncServer } from '../../server/sync-server'
import { createSqliteStore } from '../../server/store/sqlite-store'
import type { DocStore } from '../../server/store/doc-store'

/** A sync server serving the built app, with the demo group in a fresh data directory. */
export interface DemoServer {
  server: SyncServer
  store: DocStore
  keys: GroupKeys
  /** Stops the server and deletes its data. */
  close(): Promise<void>
}

/** Starts a {@link DemoServer} on 127.0.0.1 and an ephemeral port. */
export async function startDemoServer(
  appDir: string,
  log: (line: string) => void = () => undefined,
): Promise<DemoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'margins-e2e-data-'))
  const store = createSqliteStore({ dataDir })
  const keys = await ensureDemoGroup(dataDir, store)
  const server = await createSyncServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    store,
    staticDir: appDir,
    log,
  })
  return {
    server,
    store,
    keys,
    close: async () => {
      await server.close()
      await store.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
