import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { accessOf, parseInviteLink } from '../../shared/invite'
import { readGroup } from '../../shared/model'
import { createPostgresStore } from '../../server/store/postgres-store'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store'
import { createDatabase, usePostgres } from '../helpers/postgres-server'
import { runNpmScript } from '../helpers/run-script'
import { connectSyncClient } from '../helpers/sync-client'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'

interface CreatedGroup {
  id: string
  name: string
  writeToken: string
  readToken: string
  inviteUrl: string
  readOnlyUrl: string
}

describe('npm run group:create', () => {
  it('prints one JSON object with working keys, and stores the group with its name', async () => {
    const dataDir = await useTempDir()
    const run = await runNpmScript(
      'group:create',
      ['--name', 'Lab', '--origin', 'https://margins.example.org/', '--json'],
      { MARGINS_DATA_DIR: dataDir },
    )
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const created = JSON.parse(lines[0]!) as CreatedGroup
    expect(created.name).toBe('Lab')
    expect(accessOf(created.id, created.writeToken)).toBe('write')
    expect(accessOf(created.id, created.readToken)).toBe('read')
    expect(created.inviteUrl.startsWith('https://margins.example.org/#join/')).toBe(true)
    expect(parseInviteLink(created.inviteUrl)).toEqual({
      groupId: created.id,
      key: created.writeToken,
    })
    expect(parseInviteLink(created.readOnlyUrl)).toEqual({
      groupId: created.id,
      key: created.readToken,
    })

    const { server } = await startTestServer({ dataDir })
    const writer = await connectSyncClient(server.url, created.id, created.writeToken)
    expect(readGroup(writer.doc)?.name).toBe('Lab')
    const reader = await connectSyncClient(server.url, created.id, created.readToken)
    expect(readGroup(reader.doc)?.name).toBe('Lab')
  })

  it('prints readable text without --json, prefers --data-dir over the variable, and refuses a missing name', async () => {
    const dataDir = await useTempDir()
    const ignored = await useTempDir()
    const run = await runNpmScript(
      'group:create',
      ['--name', 'Reading club', '--data-dir', dataDir],
      {
        MARGINS_DATA_DIR: ignored,
      },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Created group "Reading club"')
    const invite = parseInviteLink(/read-write\): (\S+)/.exec(run.stdout)?.[1] ?? '')
    if (!invite) throw new Error(`no invite link in:\n${run.stdout}`)
    expect(invite.key.length).toBe(22)

    const { server } = await startTestServer({ dataDir })
    const member = await connectSyncClient(server.url, invite.groupId, invite.key)
    expect(readGroup(member.doc)?.name).toBe('Reading club')

    const missing = await runNpmScript('group:create', ['--json'], { MARGINS_DATA_DIR: ignored })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--name is required')
    expect(missing.stdout).toBe('')
  })
})

describe('npm run group:create with MARGINS_STORE=postgres', () => {
  const postgres = usePostgres()

  it('stores the group in the configured PostgreSQL, where every node finds it', async () => {
    const dataDir = await useTempDir()
    const databaseUrl = await createDatabase(postgres().url)
    const env = {
      MARGINS_DATA_DIR: dataDir,
      MARGINS_STORE: 'postgres',
      MARGINS_DATABASE_URL: databaseUrl,
    }
    const run = await runNpmScript('group:create', ['--name', 'Lab on Postgres', '--json'], env)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const created = JSON.parse(run.stdout.trim()) as CreatedGroup & { store: string }
    expect(created.store).toBe('postgres')
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(false)

    const store = createPostgresStore({ url: databaseUrl })
    try {
      const doc = new Y.Doc()
      for (const update of await store.load(created.id)) Y.applyUpdate(doc, update)
      expect(readGroup(doc)?.name).toBe('Lab on Postgres')
    } finally {
      await store.close()
    }

    const text = await runNpmScript('group:create', ['--name', 'Second'], env)
    expect(text.code).toBe(0)
    // Where it went, without the password a URL may hold.
    expect(text.stdout).toContain(`stored in PostgreSQL ${databaseUrl}`)
  })

  it('refuses to start without the database URL, and says which variable is missing', async () => {
    const run = await runNpmScript('group:create', ['--name', 'Lab', '--json'], {
      MARGINS_DATA_DIR: await useTempDir(),
      MARGINS_STORE: 'postgres',
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('MARGINS_DATABASE_URL')
    expect(run.stdout).toBe('')
  })
})
