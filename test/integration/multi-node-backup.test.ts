import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { createRedisFanout } from '../../server/fanout/redis-fanout'
import type { DocStore } from '../../server/store/doc-store'
import { createPostgresStore } from '../../server/store/postgres-store'
import { restoreGroup } from '../../server/tools/group-backup'
import { startNode, useClusterBackends } from '../helpers/node-cluster'
import { createDatabase } from '../helpers/postgres-server'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

const { redis, postgres } = useClusterBackends()

/** Runs the backup tool as an operator would, configured like the nodes. */
function backupTool(args: string[], databaseUrl: string) {
  return run(process.execPath, ['--import', 'tsx', 'server/tools/group-backup-cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MARGINS_STORE: 'postgres',
      MARGINS_DATABASE_URL: databaseUrl,
      MARGINS_FANOUT: 'redis',
      MARGINS_REDIS_URL: redis().url,
    },
  })
}

async function storedItems(store: DocStore, groupId: string): Promise<string[]> {
  const doc = new Y.Doc()
  for (const update of await store.load(groupId)) Y.applyUpdate(doc, update)
  return itemsOf(doc)
}

const push = (doc: Y.Doc, prefix: string, count: number) => {
  for (let i = 0; i < count; i++) doc.getArray<string>('items').push([`${prefix}${i}`])
}

describe('backing up and restoring one group', () => {
  it('exports the merged group, and a restore brings it back without losing newer edits', async () => {
    const databaseUrl = await createDatabase(postgres().url)
    const store = createPostgresStore({ url: databaseUrl })
    const dataDir = await useTempDir('margins-multi-')
    const a = await startNode({ store, redisUrl: redis().url, dataDir })
    const b = await startNode({ store, redisUrl: redis().url, dataDir })
    const keys = createGroupKeys()
    const ada = await connectSyncClient(a.url, keys.groupId, keys.writeKey)
    const ben = await connectSyncClient(b.url, keys.groupId, keys.writeKey)
    push(ada.doc, 'old-', 10)
    await waitFor('Ben to have the first 10 items', () => itemsOf(ben.doc).length === 10)

    const file = join(await useTempDir('margins-backup-'), 'group.yjs')
    await backupTool(['export', keys.groupId, file], databaseUrl)
    const backup = new Y.Doc()
    Y.applyUpdate(backup, new Uint8Array(await readFile(file)))
    expect(itemsOf(backup)).toEqual(itemsOf(ada.doc))
    // An unknown group is refused rather than exported empty; a backup is never overwritten.
    await expect(
      backupTool(['export', createGroupKeys().groupId, `${file}.2`], databaseUrl),
    ).rejects.toThrow(/no group/)
    await expect(backupTool(['export', keys.groupId, file], databaseUrl)).rejects.toThrow(/EEXIST/)

    // Restored into the live group after newer edits: the newer edits stay.
    push(ben.doc, 'new-', 5)
    await waitFor('Ada to have all 15 items', () => itemsOf(ada.doc).length === 15)
    await backupTool(['restore', keys.groupId, file], databaseUrl)
    expect((await storedItems(store, keys.groupId)).sort()).toEqual(itemsOf(ada.doc).sort())
    expect(itemsOf(ben.doc)).toEqual(itemsOf(ada.doc))

    // Restored into a new database that a node already serves: its members get it at once.
    const freshUrl = await createDatabase(postgres().url)
    const fresh = createPostgresStore({ url: freshUrl })
    const c = await startNode({ store: fresh, redisUrl: `${redis().url}/1`, dataDir })
    const cay = await connectSyncClient(c.url, keys.groupId, keys.writeKey)
    expect(itemsOf(cay.doc)).toEqual([])
    const tool = createRedisFanout({ url: `${redis().url}/1` })
    await restoreGroup(fresh, keys.groupId, new Uint8Array(await readFile(file)), tool)
    await waitFor(
      'Cay to get the restored group without reconnecting',
      () => itemsOf(cay.doc).length === 10,
    )
    expect(itemsOf(cay.doc)).toEqual(itemsOf(backup))
    await expect(restoreGroup(fresh, keys.groupId, new Uint8Array([1, 2, 3]))).rejects.toThrow()

    await tool.close()
    await Promise.all([a.close(), b.close(), c.close()])
    await Promise.all([store.close(), fresh.close()])
  }, 60_000)
})
