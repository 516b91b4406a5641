/**
 * `npm start` runs this (through scripts/start.mjs), `npm run serve -- --port 9000` too: the
 * one place that reads the environment and the command line. Starts the sync server on the
 * configured store (SQLite in the data directory by default, or a PostgreSQL shared by several
 * nodes, with Redis fan-out between them: docs/deploy.md), makes sure the demo group exists,
 * prints where to open the app, and shuts down cleanly on SIGINT/SIGTERM.
 *
 * stdout carries the structured log (one JSON object per line); the start banner, which holds
 * the demo group's invite links and so its keys, goes to stderr for the person at the terminal.
 */
import { mkdir } from 'node:fs/promises'
import { inviteLink } from '../shared/invite'
import { readConfig } from './config'
import { ensureDemoGroup } from './demo'
import { createRedisFanout } from './fanout/redis-fanout'
import { createLogger } from './logger'
import { openDocStore } from './open-store'
import type { BlobStore } from './store/blob-store'
import { createPostgresBlobStore } from './store/postgres-blob-store'
import { createSyncServer } from './sync-server'

async function main(): Promise<void> {
  const config = readConfig(process.env, process.cwd(), process.argv.slice(2))
  const logger = createLogger()
  await mkdir(config.dataDir, { recursive: true })
  const store = await openDocStore(config, (message) => logger.warn('store.connection', message))
  const fanout =
    config.fanoutKind === 'redis'
      ? createRedisFanout({ url: config.redisUrl as string, logger })
      : undefined
  // PDFs must be readable from every node of a multi-node deployment: in the shared database.
  const blobStore: BlobStore | undefined =
    config.blobStoreKind === 'postgres'
      ? createPostgresBlobStore({
          url: config.databaseUrl as string,
          log: (message) => logger.warn('blobs.connection', message),
        })
      : undefined
  const demo = await ensureDemoGroup(config.dataDir, store)
  const server = await createSyncServer({
    ...config,
    store,
    fanout,
    blobStore,
    healthChecks: config.storeKind === 'postgres' || fanout !== undefined,
  })

  console.error(
    [
      '',
      `Margins is running at ${server.url}`,
      `Data: ${config.dataDir}`,
      '',
      'Demo group "Margins demo reading group":',
      `  read-write: ${inviteLink(server.url, demo.groupId, demo.writeKey)}`,
      `  read-only:  ${inviteLink(server.url, demo.groupId, demo.readKey)}`,
      '',
    ].join('\n'),
  )

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('server.forced', `${signal} again: exiting without waiting`, { signal })
      process.exit(1)
    }
    stopping = true
    logger.info('server.signal', `${signal}: storing open groups and shutting down`, { signal })
    server
      .close()
      .then(() => Promise.all([store.close(), blobStore?.close(), fanout?.close()]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('server.failed', `shutdown failed: ${String(error)}`)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
