import { describe, expect, it } from 'vitest'
import {
  FAILED_REST_MS,
  FILL_BATCH,
  arxivMetadataFetch,
  createFillMemory,
  fillMissingMetadata,
} from '../../client/data/import-arxiv-metadata'
import {
  completePaper,
  getPaper,
  importPapers,
  listPapers,
  type PaperInput,
} from '../../shared/model'
import { ADA, BEN, groupDoc, replicaOf } from '../fixtures/group'
import { startFakeArxiv, type FakeArxivPaper } from '../helpers/fake-arxiv'
import { canonical, syncAll } from '../helpers/replicas'
import { startTestServer } from '../helpers/sync-test-server'
import { useTempDir } from '../helpers/temp-dir'

const byId = (arxivId: string): PaperInput => ({ arxivId, source: 'arxiv' })

async function setUp(
  papers: Record<string, FakeArxivPaper>,
  clientLimits?: { burst: number; perMinute: number },
) {
  const fake = await startFakeArxiv(papers)
  const { server } = await startTestServer({
    dataDir: await useTempDir(),
    arxivUrl: fake.url,
    arxiv: { minIntervalMs: 0, clientLimits },
  })
  return { fake, fetch: arxivMetadataFetch(server.url) }
}

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 2, 13)) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('filling in papers added by their arXiv id', () => {
  it('completes an id-only paper from arXiv through the server', async () => {
    const { fetch } = await setUp({
      '2401.00001': { title: 'Found on arXiv', authors: ['Ada Lovelace'], summary: 'It works.' },
    })
    const doc = groupDoc()
    importPapers(doc, ADA, [byId('2401.00001v2')])
    expect(getPaper(doc, '2401.00001')?.needsMetadata).toBe(true)

    const result = await fillMissingMetadata(doc, BEN.memberId, {
      fetch,
      memory: createFillMemory(),
    })
    expect(result).toEqual({ filled: 1, nextAt: undefined })
    expect(getPaper(doc, '2401.00001')).toMatchObject({
      title: 'Found on arXiv',
      authors: ['Ada Lovelace'],
      abstract: 'It works.',
      needsMetadata: false,
      // The member who added it stays the one who added it.
      addedBy: ADA.memberId,
      source: 'arxiv',
    })
  })

  it(`asks in batches of at most ${FILL_BATCH} ids`, async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `2401.${String(i + 1).padStart(5, '0')}`)
    const { fake, fetch } = await setUp(
      Object.fromEntries(ids.map((id) => [id, { title: `Paper ${id}` }])),
    )
    const doc = groupDoc()
    importPapers(doc, ADA, ids.map(byId))
    const result = await fillMissingMetadata(doc, ADA.memberId, {
      fetch,
      memory: createFillMemory(),
    })
    expect(result.filled).toBe(120)
    expect(fake.requests.map((request) => request.ids.length)).toEqual([50, 50, 20])
    expect(listPapers(doc).filter((paper) => paper.needsMetadata)).toEqual([])
  })

  it('does not ask for an id again soon after a failure, then fills it in', async () => {
    const { fake, fetch } = await setUp({ '2401.00001': { title: 'Eventually' } })
    const doc = groupDoc()
    importPapers(doc, ADA, [byId('2401.00001')])
    const clock = manualClock()
    const memory = createFillMemory()
    fake.fail(500)
    const failed = await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    expect(failed.filled).toBe(0)
    expect(failed.nextAt).toBeGreaterThanOrEqual(clock.now() + 30_000)
    expect(getPaper(doc, '2401.00001')?.needsMetadata).toBe(true)

    fake.fail(undefined)
    clock.advance(60_000)
    await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    expect(fake.requests).toHaveLength(1)

    clock.advance(FAILED_REST_MS)
    const filled = await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    expect(filled.filled).toBe(1)
    expect(fake.requests).toHaveLength(2)
    expect(getPaper(doc, '2401.00001')?.title).toBe('Eventually')
  })

  it('leaves ids arXiv does not know waiting, without asking again at once', async () => {
    const { fake, fetch } = await setUp({ '2401.00001': { title: 'Known' } })
    const doc = groupDoc()
    importPapers(doc, ADA, [byId('2401.00001'), byId('2401.09999')])
    const clock = manualClock()
    const memory = createFillMemory()
    const first = await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    expect(first.filled).toBe(1)
    expect(first.nextAt).toBeGreaterThan(clock.now())
    expect(getPaper(doc, '2401.09999')).toMatchObject({
      title: 'arXiv:2401.09999',
      needsMetadata: true,
    })
    clock.advance(FAILED_REST_MS)
    await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    expect(fake.requests).toHaveLength(1)
  })

  it('pauses for as long as the server asks after a 429', async () => {
    const { fake, fetch } = await setUp(
      { '2401.00001': { title: 'One' }, '2401.00002': { title: 'Two' } },
      { burst: 1, perMinute: 1 },
    )
    const doc = groupDoc()
    importPapers(doc, ADA, [byId('2401.00001')])
    const clock = manualClock()
    const memory = createFillMemory()
    await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    importPapers(doc, ADA, [byId('2401.00002')])
    const limited = await fillMissingMetadata(doc, ADA.memberId, { fetch, memory, now: clock.now })
    expect(limited.filled).toBe(0)
    expect(memory.pausedUntil).toBeGreaterThanOrEqual(clock.now() + 60_000)
    expect(fake.requests).toHaveLength(1)
  })

  it('converges when two members fill in the same paper at once', async () => {
    const { fake, fetch } = await setUp({
      '2401.00001': { title: 'Shared', authors: ['Cay'], summary: 'Both fetched it.' },
    })
    const ada = groupDoc()
    importPapers(ada, ADA, [byId('2401.00001')])
    const ben = replicaOf(ada)
    await Promise.all([
      fillMissingMetadata(ada, ADA.memberId, { fetch, memory: createFillMemory() }),
      fillMissingMetadata(ben, BEN.memberId, { fetch, memory: createFillMemory() }),
    ])
    syncAll([ada, ben])
    expect(canonical(ada)).toBe(canonical(ben))
    expect(getPaper(ada, '2401.00001')).toMatchObject({ title: 'Shared', needsMetadata: false })
    // The second lookup came from the server's cache.
    expect(fake.requests).toHaveLength(1)
  })
})

describe('completePaper from two replicas at once', () => {
  it('settles on one record that keeps every value either had before', () => {
    const ada = groupDoc()
    importPapers(ada, ADA, [{ ...byId('2401.00001'), doi: '10.1000/kept' }])
    const ben = replicaOf(ada)
    completePaper(ada, ADA, '2401.00001', { title: 'From Ada', source: 'atom' })
    completePaper(ben, BEN, '2401.00001', {
      title: 'From Ben',
      abstract: 'Ben saw an abstract.',
      source: 'atom',
    })
    syncAll([ada, ben])
    expect(canonical(ada)).toBe(canonical(ben))
    const paper = getPaper(ada, '2401.00001')
    expect(['From Ada', 'From Ben']).toContain(paper?.title)
    expect(paper).toMatchObject({ doi: '10.1000/kept', needsMetadata: false })
    // A later fill completes what the lost one had added, and overwrites nothing.
    const title = paper?.title
    completePaper(ada, ADA, '2401.00001', {
      title: 'Another title',
      abstract: 'Ben saw an abstract.',
      source: 'atom',
    })
    expect(getPaper(ada, '2401.00001')).toMatchObject({ title, abstract: 'Ben saw an abstract.' })
  })
})
