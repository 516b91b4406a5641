import { copyFile, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { accessOf } from '../../shared/invite'
import { listMembers, listPapers, readGroup } from '../../shared/model'
import { DEMO_GROUP_FILE, ensureDemoGroup } from '../../server/demo'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { connectSyncClient } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'

describe('demo group', () => {
  it('is created once with the 68 trending papers, and its key survives a restart', async () => {
    const dataDir = await useTempDir()
    const store = createSqliteStore({ dataDir })
    const first = await ensureDemoGroup(dataDir, store)
    expect(accessOf(first.groupId, first.writeKey)).toBe('write')
    expect(accessOf(first.groupId, first.readKey)).toBe('read')
    const rowsAfterFirst = await store.load(first.groupId)
    await store.close()

    const file = join(dataDir, DEMO_GROUP_FILE)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      groupId: first.groupId,
      writeKey: first.writeKey,
    })

    const reopened = createSqliteStore({ dataDir })
    const second = await ensureDemoGroup(dataDir, reopened)
    expect(second).toEqual(first)
    expect(await reopened.load(first.groupId)).toEqual(rowsAfterFirst)
    await reopened.close()
  })

  it('reaches a client over sync with its settings, creator and papers', async () => {
    const dataDir = await useTempDir()
    const store = createSqliteStore({ dataDir })
    const keys = await ensureDemoGroup(dataDir, store)
    const { server } = await startTestServer({ dataDir, store })
    const reader = await connectSyncClient(server.url, keys.groupId, keys.readKey)

    expect(readGroup(reader.doc)?.name).toBe('Margins demo reading group')
    expect(listMembers(reader.doc).map((member) => member.name)).toEqual(['Margins'])
    const papers = listPapers(reader.doc)
    expect(papers).toHaveLength(68)
    expect(new Set(papers.map((paper) => paper.title)).size).toBe(68)
    expect(papers.map((paper) => paper.title)).toContain('Discrete Key-Value Bottleneck')
    reader.close()
    await server.close()
    await store.close()
  })

  it('is seeded again when the key file survived but the stored group did not', async () => {
    const dataDir = await useTempDir()
    const wiped = await useTempDir()
    const store = createSqliteStore({ dataDir })
    const keys = await ensureDemoGroup(dataDir, store)
    await store.close()

    const empty = createSqliteStore({ dataDir: wiped })
    await copyFile(join(dataDir, DEMO_GROUP_FILE), join(wiped, DEMO_GROUP_FILE))
    expect(await ensureDemoGroup(wiped, empty)).toEqual(keys)
    const doc = new Y.Doc()
    for (const row of await empty.load(keys.groupId)) Y.applyUpdate(doc, row)
    expect(listPapers(doc)).toHaveLength(68)
    await empty.close()
  })
})
