import { describe, expect, it } from 'vitest'
import { accessOf, parseInviteLink } from '../../shared/invite'
import { readGroup } from '../../shared/model'
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
