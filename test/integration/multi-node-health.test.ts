import { describe, expect, it, onTestFinished } from 'vitest'
import { createPostgresStore } from '../../server/store/postgres-store'
import { createSyncServer } from '../../server/sync-server'
import { createDatabase, holdGroupLock, usePostgres } from '../helpers/postgres-server'
import { useTempDir } from '../helpers/temp-dir'

const GROUP = 'AAAAAAAAAAAAAAAAAAAAAA'

const postgres = usePostgres()

/** `/healthz` of `origin`: its status and body. */
async function health(origin: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}/healthz`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('/healthz of a node on PostgreSQL', () => {
  it('stays healthy while appends wait, and says when the database is gone', async () => {
    const url = await createDatabase(postgres().url)
    const store = createPostgresStore({ url })
    onTestFinished(() => store.close())
    const server = await createSyncServer({
      dataDir: await useTempDir('margins-health-'),
      store,
      host: '127.0.0.1',
      port: 0,
      healthChecks: true,
      log: () => {},
    })
    onTestFinished(() => server.close())
    expect(await health(server.url)).toMatchObject({ status: 200, body: { store: 'ok' } })

    // Another node holds the group's lock: this node's append of it waits as long as that lasts,
    // like appends under heavy write load. The probe does not queue behind it.
    const other = await holdGroupLock(url, GROUP)
    let appended = false
    const append = store.append(GROUP, new Uint8Array([0, 0])).then(() => (appended = true))
    expect(await health(server.url)).toMatchObject({
      status: 200,
      body: { ok: true, store: 'ok', fanout: 'off' },
    })
    expect(appended).toBe(false)
    await other.query('COMMIT')
    await append

    await postgres().stop()
    expect(await health(server.url)).toMatchObject({
      status: 503,
      body: { ok: false, store: 'unreachable' },
    })
  })
})
