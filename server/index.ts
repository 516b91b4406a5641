/**
 * `npm start` runs this (through scripts/start.mjs): the one place that reads the environment.
 * Starts the sync server on the SQLite store in the data directory, makes sure the demo group
 * exists, prints where to open the app, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { mkdir } from 'node:fs/promises'
import { inviteLink } from '../shared/invite'
import { readConfig } from './config'
import { ensureDemoGroup } from './demo'
import { createSqliteStore } from './store/sqlite-store'
import { createSyncServer } from './sync-server'

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`)

async function main(): Promise<void> {
  const config = readConfig(process.env, process.cwd())
  await mkdir(config.dataDir, { recursive: true })
  const store = createSqliteStore({ dataDir: config.dataDir })
  const demo = await ensureDemoGroup(config.dataDir, store)
  const server = await createSyncServer({ ...config, store, log })

  console.log(
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
      log(`${signal} again: exiting without waiting`)
      process.exit(1)
    }
    stopping = true
    log(`${signal}: storing open groups and shutting down`)
    server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
