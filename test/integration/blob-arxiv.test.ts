import { describe, expect, it } from 'vitest'
import { HTML_ERROR_PAGE, minimalPdf, sha256Hex } from '../fixtures/pdf'
import { startFakeArxivPdf } from '../helpers/fake-arxiv-pdf'
import { errorOf, newGroup, startBlobServer, type StoredAnswer } from '../helpers/blob-harness'
import { freedPort } from '../helpers/freed-port'

const NEW_STYLE = minimalPdf({ pages: ['A new-style paper'] })
const OLD_STYLE = minimalPdf({ pages: ['An old-style paper'] })

async function setUp(options: Parameters<typeof startBlobServer>[0] = {}) {
  const fake = await startFakeArxivPdf({
    '2401.00001': NEW_STYLE,
    'hep-th/9901001': OLD_STYLE,
  })
  const blobs = await startBlobServer({ arxivPdfUrl: fake.url, ...options })
  return { fake, blobs }
}

describe('fetching an arXiv PDF for a group', () => {
  it('downloads it once and gives it to every group that asks', async () => {
    const { fake, blobs } = await setUp()
    const ada = newGroup()
    const ben = newGroup()
    const hash = sha256Hex(NEW_STYLE)
    const first = await blobs.fetchArxiv(ada.groupId, ada.writeKey, '2401.00001')
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ sha256: hash, size: NEW_STYLE.byteLength, new: true })
    const read = await blobs.pdf(ada.groupId, ada.readKey, hash)
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(NEW_STYLE)
    expect((await blobs.pdf(ben.groupId, ben.readKey, hash)).status).toBe(404)
    const second = await blobs.fetchArxiv(ben.groupId, ben.writeKey, '2401.00001')
    expect(second.status).toBe(201)
    expect(((await second.json()) as StoredAnswer).sha256).toBe(hash)
    const again = await blobs.fetchArxiv(ada.groupId, ada.writeKey, '2401.00001')
    expect(again.status).toBe(200)
    expect(((await again.json()) as StoredAnswer).new).toBe(false)
    expect((await blobs.pdf(ben.groupId, ben.readKey, hash)).status).toBe(200)
    expect(fake.requests).toEqual(['2401.00001'])
    expect(await blobs.blobFiles()).toHaveLength(1)
  })

  it('downloads once when two groups ask at the same moment', async () => {
    const { fake, blobs } = await setUp()
    fake.delay(200)
    const groups = [newGroup(), newGroup(), newGroup()]
    const answers = await Promise.all(
      groups.map((group) => blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')),
    )
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201])
    expect(fake.requests).toEqual(['2401.00001'])
    for (const group of groups) {
      expect((await blobs.pdf(group.groupId, group.readKey, sha256Hex(NEW_STYLE))).status).toBe(200)
    }
  })

  it('fetches old-style ids, with the slash as sent or escaped', async () => {
    const { fake, blobs } = await setUp()
    const group = newGroup()
    const plain = await blobs.fetchArxiv(group.groupId, group.writeKey, 'hep-th/9901001')
    expect(plain.status).toBe(201)
    expect(((await plain.json()) as StoredAnswer).sha256).toBe(sha256Hex(OLD_STYLE))
    const escaped = await blobs.fetchArxiv(group.groupId, group.writeKey, 'hep-th%2F9901001')
    expect(escaped.status).toBe(200)
    expect(fake.requests).toEqual(['hep-th/9901001'])
  })

  it('refuses an id arXiv cannot have issued (400), asking arXiv nothing', async () => {
    const { fake, blobs } = await setUp()
    const group = newGroup()
    for (const id of ['hello', '2413.12345', '..%2F..%2Fetc']) {
      const response = await blobs.fetchArxiv(group.groupId, group.writeKey, id)
      expect(response.status).toBe(400)
    }
    expect(fake.requests).toEqual([])
  })

  it('refuses an HTML error page from arXiv (502), storing nothing and asking again later', async () => {
    const { fake, blobs } = await setUp()
    const group = newGroup()
    fake.answer({ status: 200, type: 'text/html', body: HTML_ERROR_PAGE })
    const refused = await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')
    expect(refused.status).toBe(502)
    expect(await errorOf(refused)).toBe('arXiv answered something other than a PDF')
    expect(await blobs.blobFiles()).toEqual([])
    expect(await blobs.stagedFiles()).toEqual([])
    // The operator learns what came back; the member does not.
    const logged = blobs.records.find((record) => record.event === 'pdf.refused')
    expect(logged?.detail).toMatch(/text\/html/)
    fake.answer(undefined)
    expect((await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')).status).toBe(201)
    expect(fake.requests).toEqual(['2401.00001', '2401.00001'])
  })

  it('answers 404 for an id arXiv has no PDF of, and 502 for an arXiv error', async () => {
    const { fake, blobs } = await setUp()
    const group = newGroup()
    const missing = await blobs.fetchArxiv(group.groupId, group.writeKey, '2312.99999')
    expect(missing.status).toBe(404)
    expect(await errorOf(missing)).toBe('arXiv has no PDF for this id')
    fake.answer({ status: 503, type: 'text/plain', body: new TextEncoder().encode('busy') })
    const failed = await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')
    expect(failed.status).toBe(502)
    expect(await errorOf(failed)).toBe('arXiv answered 503')
    expect(await blobs.blobFiles()).toEqual([])
  })

  it('answers 502 when arXiv cannot be reached, naming no host to the member', async () => {
    const port = await freedPort()
    const blobs = await startBlobServer({ arxivPdfUrl: `http://127.0.0.1:${port}` })
    const group = newGroup()
    const response = await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')
    expect(response.status).toBe(502)
    expect(await errorOf(response)).toBe('arXiv could not be reached')
    const logged = blobs.records.find((record) => record.event === 'pdf.refused')
    expect(logged?.detail).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
  })

  it('answers 504 when arXiv is too slow', async () => {
    const { fake, blobs } = await setUp({ arxivPdf: { timeoutMs: 200 } })
    fake.delay(2_000)
    const group = newGroup()
    const response = await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')
    expect(response.status).toBe(504)
    expect(await errorOf(response)).toMatch(/did not answer/)
  })

  it('gives up a PDF larger than the limit (502), storing nothing', async () => {
    const { fake, blobs } = await setUp({ maxPdfBytes: 1_000 })
    fake.pdfs.set('2401.00002', minimalPdf({ padding: 5_000 }))
    const group = newGroup()
    const response = await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00002')
    expect(response.status).toBe(502)
    expect(await errorOf(response)).toMatch(/larger than 1000 bytes/)
    // Without a Content-Length, reading finds it out.
    fake.chunked(true)
    const streamed = await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00002')
    expect(streamed.status).toBe(502)
    expect(await errorOf(streamed)).toMatch(/larger than 1000 bytes/)
    expect(fake.requests).toEqual(['2401.00002', '2401.00002'])
    expect(await blobs.blobFiles()).toEqual([])
    expect(await blobs.stagedFiles()).toEqual([])
  })
})

describe('what one address may ask of arXiv', () => {
  it('limits downloads per address (429), but not PDFs already stored', async () => {
    const { fake, blobs } = await setUp({ arxivPdf: { clientLimits: { burst: 1, perMinute: 1 } } })
    const group = newGroup()
    expect((await blobs.fetchArxiv(group.groupId, group.writeKey, '2401.00001')).status).toBe(201)
    const limited = await blobs.fetchArxiv(group.groupId, group.writeKey, 'hep-th/9901001')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(await errorOf(limited)).toMatch(/Too many arXiv PDFs/)
    const other = newGroup()
    expect((await blobs.fetchArxiv(other.groupId, other.writeKey, '2401.00001')).status).toBe(201)
    expect(fake.requests).toEqual(['2401.00001'])
  })
})
