import { describe, expect, it } from 'vitest'
import { EDGE_CLOSE_CODES } from '../../server/limits'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { parseInviteLink } from '../../shared/invite'
import { startServerProcess } from '../helpers/server-process'
import { connectSyncClient, itemsOf } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'
import { waitFor } from '../helpers/wait-for'
import * as Y from 'yjs'

const READY = /read-only: +(http:\/\/\S+)/

describe('graceful shutdown of server/index.ts', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} closes every socket with 1012, stores the groups and exits 0`, async () => {
      const dataDir = await useTempDir()
      // Flags win over the environment: the port comes from --port, not from PORT.
      const server = await startServerProcess(
        { PORT: 'not-a-port', HOST: '127.0.0.1', MARGINS_DATA_DIR: dataDir },
        READY,
        ['--port', '0'],
      )
      const appUrl = /Margins is running at (http:\/\/\S+)/.exec(server.output())?.[1] ?? ''
      const invite = parseInviteLink(/read-write: +(http:\/\/\S+)/.exec(server.output())?.[1] ?? '')
      if (!invite) throw new Error(`no invite link in:\n${server.output()}`)
      const writer = await connectSyncClient(appUrl, invite.groupId, invite.key)
      const watcher = await connectSyncClient(appUrl, invite.groupId, invite.key)
      const codes: number[] = []
      for (const client of [writer, watcher]) {
        client.provider.on('connection-close', (event) => {
          if (event) codes.push(event.code)
          client.provider.shouldConnect = false
        })
      }
      writer.doc.getArray<string>('items').push(['kept'])
      await waitFor('the watcher to see the edit', () => itemsOf(watcher.doc).includes('kept'))

      server.child.kill(signal)
      expect(await server.exited).toBe(0)
      await waitFor('both clients to see the close', () => codes.length === 2)
      expect(codes).toEqual([EDGE_CLOSE_CODES.serviceRestart, EDGE_CLOSE_CODES.serviceRestart])

      const store = createSqliteStore({ dataDir })
      const doc = new Y.Doc()
      for (const update of await store.load(invite.groupId)) Y.applyUpdate(doc, update)
      await store.close()
      expect(itemsOf(doc)).toEqual(['kept'])
      for (const line of server.stdout().trim().split('\n')) {
        expect(JSON.parse(line)).toMatchObject({
          time: expect.any(String),
          event: expect.any(String),
        })
        expect(line).not.toContain(invite.key)
      }
      expect(server.stdout()).toContain('"event":"server.stopped"')
    })
  }
})
