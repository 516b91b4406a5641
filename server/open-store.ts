import { join } from 'node:path'
import type { ServerConfig } from './config'
import type { DocStore } from './store/doc-store'
import { redactUrl } from './store/postgres-pool'
import { createPostgresStore } from './store/postgres-store'
import { createSqliteStore, SQLITE_FILE_NAME } from './store/sqlite-store'

/** The settings that say where group documents are stored. */
export type StoreConfig = Pick<ServerConfig, 'storeKind' | 'databaseUrl' | 'dataDir'>

/**
 * The document store `config` names (`MARGINS_STORE`): SQLite in the data directory (which must
 * exist), or the shared PostgreSQL, connected and its tables created first, so that a bad URL or
 * an unreachable server fails here rather than on the first write. `log` gets the PostgreSQL
 * pool's complaints about connections it lost while idle.
 */
export async function openDocStore(
  config: StoreConfig,
  log?: (message: string) => void,
): Promise<DocStore> {
  if (config.storeKind === 'sqlite') return createSqliteStore({ dataDir: config.dataDir })
  const store = createPostgresStore({ url: config.databaseUrl as string, log })
  try {
    await store.ready()
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}

/** Where `config` stores group documents, for a person to read: never with a password. */
export function describeStore(config: StoreConfig): string {
  return config.storeKind === 'sqlite'
    ? join(config.dataDir, SQLITE_FILE_NAME)
    : `PostgreSQL ${redactUrl(config.databaseUrl as string)}`
}
