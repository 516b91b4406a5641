import { describe, expect, it } from 'vitest'
import { parseInviteLink } from '../../shared/invite'
import { listPapers } from '../../shared/model'
import { startServerProcess } from '../helpers/server-process'
import { connectSyncClient } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'

const READ_ONLY_LINE = /read-only: +(http:\/\/\S+)/

/** The app URL and the two demo links that the server prints at start. */
function printedLinks(output: string) {
  const appUrl = /Margins is running at (http:\/\/\S+)/.exec(output)?.[1]
  const readWrite = /read-write: +(http:\/\/\S+)/.exec(output)?.[1]
  const readOnly = READ_ONLY_LINE.exec(output)?.[1]
  if (!appUrl || !readWrite || !readOnly) throw new Error(`links not printed:\n${output}`)
  return { appUrl, readWrite, readOnly }
}

describe('server/index.ts', () => {
  it('prints working demo links, keeps them across restarts, and exits cleanly on SIGTERM', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', MARGINS_DATA_DIR: await useTempDir() }
    const first = await startServerProcess(env, READ_ONLY_LINE)
    const links = printedLinks(first.output())
    expect(links.readWrite.startsWith(`${links.appUrl}/#join/`)).toBe(true)
    const invite = parseInviteLink(links.readWrite)
    const readOnly = parseInviteLink(links.readOnly)
    if (!invite || !readOnly) throw new Error('printed links do not parse')
    expect(readOnly.groupId).toBe(invite.groupId)
    expect(readOnly.key).not.toBe(invite.key)

    const client = await connectSyncClient(links.appUrl, invite.groupId, invite.key)
    expect(listPapers(client.doc)).toHaveLength(68)
    client.close()
    expect((await fetch(`${links.appUrl}/healthz`)).status).toBe(200)

    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = await startServerProcess(env, READ_ONLY_LINE)
    const again = printedLinks(second.output())
    expect(parseInviteLink(again.readWrite)).toEqual(invite)
    const reader = await connectSyncClient(again.appUrl, readOnly.groupId, readOnly.key)
    expect(listPapers(reader.doc)).toHaveLength(68)
    reader.close()
    second.child.kill('SIGINT')
    expect(await second.exited).toBe(0)
    expect(second.output()).not.toMatch(/error/i)
  })

  it('exits with code 1 on a bad PORT, and the failure shows the code and the message', async () => {
    const env = { PORT: 'eighty', HOST: '127.0.0.1', MARGINS_DATA_DIR: await useTempDir() }
    await expect(startServerProcess(env, READ_ONLY_LINE)).rejects.toThrow(
      /^server exited early \(exit code 1, signal null\)\n--- stderr ---\n[\s\S]*PORT must be a port number/,
    )
  })

  it('reports a server killed by a signal before it was ready, with what it printed', async () => {
    // Preloaded before server/index.ts: says something, then dies as the OOM killer would.
    const dieAtOnce =
      "--import=data:text/javascript,console.error('dying');process.kill(process.pid,9)"
    const env = { NODE_OPTIONS: dieAtOnce, PORT: '0', MARGINS_DATA_DIR: await useTempDir() }
    await expect(startServerProcess(env, READ_ONLY_LINE)).rejects.toThrow(
      /^server exited early \(exit code null, signal SIGKILL\)\n--- stderr ---\ndying\n/,
    )
  })
})
