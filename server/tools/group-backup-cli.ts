/**
 * `npx tsx server/tools/group-backup-cli.ts export <groupId> <file>` writes a group's merged
 * state to a file; `… restore <groupId> <file>` appends it back (see `restoreGroup`). The store
 * and fan-out are configured as for the server: `MARGINS_STORE`, `MARGINS_DATABASE_URL`,
 * `MARGINS_DATA_DIR`, `MARGINS_FANOUT`, `MARGINS_REDIS_URL` (docs/deploy.md).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { readConfig } from '../config'
import { createRedisFanout } from '../fanout/redis-fanout'
import { openDocStore } from '../open-store'
import { exportGroup, restoreGroup } from './group-backup'

const USAGE = 'usage: group-backup-cli.ts export|restore <groupId> <file>'

async function main(): Promise<void> {
  const [command, groupId, file] = process.argv.slice(2)
  if ((command !== 'export' && command !== 'restore') || !groupId || !file) throw new Error(USAGE)
  const config = readConfig(process.env, process.cwd())
  const store = await openDocStore(config)
  const fanout =
    config.fanoutKind === 'redis'
      ? createRedisFanout({ url: config.redisUrl as string })
      : undefined
  try {
    if (command === 'export') {
      const state = await exportGroup(store, groupId)
      // Never over an existing file: a backup is not overwritten by mistake.
      await writeFile(file, state, { flag: 'wx' })
      console.error(`exported ${groupId}: ${state.byteLength} bytes to ${file}`)
    } else {
      await restoreGroup(store, groupId, new Uint8Array(await readFile(file)), fanout)
      console.error(`restored ${groupId} from ${file}`)
    }
  } finally {
    await Promise.all([store.close(), fanout?.close()])
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
