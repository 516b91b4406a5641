import { describe, expect, it, vi } from 'vitest'
import { createArxivClient } from '../../server/arxiv/arxiv-client'
import { ArxivLookupError } from '../../server/arxiv/arxiv-lookup-error'
import { readConfig } from '../../server/config'
import type { SyncServer, SyncServerOptions } from '../../server/sync-server'
import { atomEntry, atomFeed } from '../fixtures/importers/atom'
import { startFakeArxiv, type FakeArxiv } from '../helpers/fake-arxiv'
import { startTestServer, type LogRecord } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'
import { freedPort } from '../helpers/freed-port'

const PAPERS = {
  '2401.00001': { title: 'First paper', authors: ['Ada Lovelace', 'Ben Franklin'] },
  '2401.00002': { title: 'Second paper' },
  'hep-th/9901001': { title: 'An old-style paper' },
}

interface SetUp {
  fake: FakeArxiv
  server: SyncServer
  records: LogRecord[]
  get: (query: string) => Promise<Response>
}

async function setUp(arxiv: SyncServerOptions['arxiv'] = {}): Promise<SetUp> {
  const fake = await startFakeArxiv(PAPERS)
  const { server, records } = await startTestServer({
    dataDir: await useTempDir(),
    arxivUrl: fake.url,
    arxiv: { minIntervalMs: 0, ...arxiv },
  })
  return { fake, server, records, get: (query) => fetch(`${server.url}/api/arxiv${query}`) }
}

const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error

const activeTimers = () =>
  process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length

describe('GET /api/arxiv', () => {
  it.each([
    ['no ids', '', /Give arXiv ids/],
    ['an empty list', '?ids=', /Give arXiv ids/],
    ['an empty item', '?ids=2401.00001,,2401.00002', /Not an arXiv id: ""/],
    ['something else', '?ids=hello', /Not an arXiv id: "hello"/],
    ['an id arXiv cannot have issued', '?ids=2413.12345', /month 13 does not exist/],
    [
      'more than 50 ids',
      `?ids=${Array.from({ length: 51 }, (_, i) => `2401.${String(i).padStart(5, '0')}`).join(',')}`,
      /At most 50 ids/,
    ],
  ])('refuses %s with 400 and a message, asking arXiv nothing', async (_name, query, message) => {
    const { fake, get } = await setUp()
    const response = await get(query)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(((await response.json()) as { error: string }).error).toMatch(message)
    expect(fake.requests).toEqual([])
  })

  it('answers only GET', async () => {
    const { fake } = await setUp()
    const { server } = await startTestServer({ dataDir: await useTempDir(), arxivUrl: fake.url })
    const response = await fetch(`${server.url}/api/arxiv?ids=2401.00001`, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(fake.requests).toEqual([])
  })

  it('answers the papers arXiv knows and names the ids it does not, in one request', async () => {
    const { fake, get } = await setUp()
    const response = await get('?ids=2401.00001,2401.00002v2,2312.99999,hep-th/9901001')
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      papers: Array<{ arxivId: string; title: string; authors: string[] }>
      missing: string[]
    }
    expect(body.papers.map((paper) => [paper.arxivId, paper.title])).toEqual([
      ['2401.00001', 'First paper'],
      ['2401.00002', 'Second paper'],
      ['hep-th/9901001', 'An old-style paper'],
    ])
    expect(body.papers[0]?.authors).toEqual(['Ada Lovelace', 'Ben Franklin'])
    expect(body.missing).toEqual(['2312.99999'])
    expect(fake.requests.map((request) => [request.ids, request.maxResults])).toEqual([
      [['2401.00001', '2401.00002', '2312.99999', 'hep-th/9901001'], 4],
    ])
  })

  it('answers again from its cache without asking arXiv, found and missing ids alike', async () => {
    const { fake, get } = await setUp()
    await get('?ids=2401.00001,2312.99999')
    const again = await get('?ids=2312.99999,2401.00001v3')
    expect(again.status).toBe(200)
    const body = (await again.json()) as { papers: Array<{ title: string }>; missing: string[] }
    expect(body.papers.map((paper) => paper.title)).toEqual(['First paper'])
    expect(body.missing).toEqual(['2312.99999'])
    expect(fake.requests).toHaveLength(1)
    // Only the ids it lacks are asked for.
    await get('?ids=2401.00001,2401.00002')
    expect(fake.requests.map((request) => request.ids)).toEqual([
      ['2401.00001', '2312.99999'],
      ['2401.00002'],
    ])
  })

  it('asks arXiv one request at a time, spaced by the configured interval', async () => {
    const { fake, get } = await setUp({ minIntervalMs: 500 })
    fake.delay(50)
    const answers = await Promise.all(
      ['2401.00001', '2401.00002', 'hep-th/9901001'].map((id) => get(`?ids=${id}`)),
    )
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(fake.requests).toHaveLength(3)
    const [a, b, c] = fake.requests.map((request) => request.at) as [number, number, number]
    // Connection set-up may shift an arrival by a little; never by most of the interval.
    expect(b - a).toBeGreaterThan(400)
    expect(c - b).toBeGreaterThan(400)
  })

  it('answers 504 when arXiv is too slow, and asks again next time', async () => {
    const { fake, get } = await setUp({ timeoutMs: 200 })
    fake.delay(2_000)
    const response = await get('?ids=2401.00001')
    expect(response.status).toBe(504)
    expect(((await response.json()) as { error: string }).error).toMatch(/did not answer/)
    fake.delay(0)
    expect((await get('?ids=2401.00001')).status).toBe(200)
    expect(fake.requests).toHaveLength(2)
  })

  it('answers 502 when arXiv fails or answers nonsense, and caches no failure', async () => {
    const { fake, get } = await setUp()
    fake.fail(500)
    const failed = await get('?ids=2401.00001')
    expect(failed.status).toBe(502)
    expect(((await failed.json()) as { error: string }).error).toMatch(/arXiv answered 500/)
    fake.fail(undefined)
    fake.respondWith('<html><body>Service unavailable</body></html>')
    expect((await get('?ids=2401.00001')).status).toBe(502)
    fake.respondWith(undefined)
    expect((await get('?ids=2401.00001')).status).toBe(200)
    expect(fake.requests).toHaveLength(3)
  })

  it('answers 502 when arXiv cannot be reached, naming no host to the browser', async () => {
    const port = await freedPort()
    const { server, records } = await startTestServer({
      dataDir: await useTempDir(),
      arxivUrl: `http://127.0.0.1:${port}`,
      arxiv: { minIntervalMs: 0 },
    })
    const response = await fetch(`${server.url}/api/arxiv?ids=2401.00001`)
    expect(response.status).toBe(502)
    expect(await errorOf(response)).toBe('arXiv could not be reached')
    // The operator still learns why, from the log.
    const failed = records.find((record) => record.event === 'arxiv.failed')
    expect(failed?.detail).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
  })

  it('tells the browser nothing of what a broken feed held, and logs it', async () => {
    const { fake, records, get } = await setUp()
    fake.respondWith('<internal-status host="db-7.corp">down</internal-status>')
    const response = await get('?ids=2401.00001')
    expect(response.status).toBe(502)
    const message = await errorOf(response)
    expect(message).toBe('arXiv answered something other than an Atom feed')
    expect(records.find((record) => record.event === 'arxiv.failed')?.detail).toMatch(
      /internal-status/,
    )
  })

  it('answers 502 when arXiv answers more than the size limit, and stops reading', async () => {
    const { fake, get } = await setUp({ maxResponseBytes: 64 * 1024, timeoutMs: 5_000 })
    const huge = atomEntry({
      id: 'http://arxiv.org/abs/2401.00001v1',
      title: 'A paper with a very long abstract',
      summary: 'word '.repeat(20_000),
    })
    fake.respondWith(atomFeed([huge]))
    const tooLong = await get('?ids=2401.00001')
    expect(tooLong.status).toBe(502)
    expect(await errorOf(tooLong)).toBe('arXiv answered more than 64 KiB')
    // Without a Content-Length: the server must stop reading, not wait for the end.
    fake.respondWith(undefined)
    fake.endless(true)
    const endless = await get('?ids=2401.00002')
    expect(endless.status).toBe(502)
    expect(await errorOf(endless)).toBe('arXiv answered more than 64 KiB')
    await vi.waitFor(() => expect(fake.hangUps).toBeGreaterThanOrEqual(1))
    // A feed within the limit is answered as usual.
    fake.endless(false)
    expect((await get('?ids=2401.00002')).status).toBe(200)
  })

  it('limits what one address may ask of arXiv, but not what the cache answers', async () => {
    const { fake, get } = await setUp({ clientLimits: { burst: 2, perMinute: 1 } })
    expect((await get('?ids=2401.00001')).status).toBe(200)
    expect((await get('?ids=2401.00002')).status).toBe(200)
    const limited = await get('?ids=hep-th/9901001')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(((await limited.json()) as { error: string }).error).toMatch(/Too many/)
    expect(fake.requests).toHaveLength(2)
    expect((await get('?ids=2401.00001,2401.00002')).status).toBe(200)
  })

  it('answers 503 while too many lookups wait for their turn', async () => {
    const { fake, get } = await setUp({ minIntervalMs: 300, maxQueued: 1 })
    const answers = await Promise.all(['2401.00001', '2401.00002'].map((id) => get(`?ids=${id}`)))
    expect(answers.map((answer) => answer.status)).toEqual([200, 503])
    expect(answers[1]?.headers.get('retry-after')).toBe('10')
    expect(fake.requests).toHaveLength(1)
  })
})

describe('closing the server while lookups wait for arXiv', () => {
  it('refuses every waiting lookup at once and leaves no timer behind', async () => {
    const timersBefore = activeTimers()
    // Four tokens: one for the first lookup, three for the waiting ones; the fifth is refused,
    // which proves the other three have joined the queue.
    const { server, get } = await setUp({
      minIntervalMs: 60_000,
      clientLimits: { burst: 4, perMinute: 1 },
    })
    expect((await get('?ids=2401.00001')).status).toBe(200)
    const outcomes = ['2401.00002', 'hep-th/9901001', '2312.99999', '2312.99998'].map((id) =>
      get(`?ids=${id}`).then(
        (response) => response.status,
        () => 'connection closed',
      ),
    )
    expect(await Promise.race(outcomes)).toBe(429)
    await server.close()
    const settled = await Promise.all(outcomes)
    expect(settled.filter((outcome) => outcome === 429)).toHaveLength(1)
    for (const outcome of settled.filter((outcome) => outcome !== 429)) {
      expect([503, 'connection closed']).toContain(outcome)
    }
    // Timers of other things in this process (earlier tests' fake answers, the fetch client's
    // keep-alive) may come and go meanwhile; a waiting lookup's 60 s timer would stay.
    await vi.waitFor(() => expect(activeTimers()).toBeLessThanOrEqual(timersBefore), {
      timeout: 10_000,
    })
  })

  it('the client answers each waiting lookup 503 when closed', async () => {
    const fake = await startFakeArxiv(PAPERS)
    const client = createArxivClient({ baseUrl: fake.url, minIntervalMs: 60_000 })
    await client.lookup(['2401.00001'])
    const waiting = [['2401.00002'], ['hep-th/9901001'], ['2312.99999']].map((ids) =>
      client.lookup(ids).then(
        () => 'answered',
        (error: unknown) => (error instanceof ArxivLookupError ? error.status : String(error)),
      ),
    )
    await client.close()
    expect(await Promise.all(waiting)).toEqual([503, 503, 503])
    expect(fake.requests).toHaveLength(1)
  })
})

describe('the arXiv setting', () => {
  it('takes --arxiv-url over MARGINS_ARXIV_URL over the default, and refuses non-URLs', () => {
    expect(readConfig({}, '/srv').arxivUrl).toBe('https://export.arxiv.org')
    const env = { MARGINS_ARXIV_URL: 'http://mirror.example.org/' }
    expect(readConfig(env, '/srv').arxivUrl).toBe('http://mirror.example.org')
    expect(readConfig(env, '/srv', ['--arxiv-url', 'http://127.0.0.1:9999']).arxivUrl).toBe(
      'http://127.0.0.1:9999',
    )
    expect(() => readConfig({}, '/srv', ['--arxiv-url=ftp://x'])).toThrow(/^--arxiv-url must be/)
    expect(() => readConfig({ MARGINS_ARXIV_URL: 'arxiv' }, '/srv')).toThrow(/^MARGINS_ARXIV_URL/)
  })
})
