import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'
import { atomEntry, atomErrorEntry, atomFeed } from '../fixtures/importers/atom'

/** One paper the fake arXiv knows. */
export interface FakeArxivPaper {
  title: string
  authors?: string[]
  summary?: string
}

/** A request the fake received. */
export interface FakeArxivRequest {
  ids: string[]
  maxResults: number
  /** `performance.now()` when it arrived. */
  at: number
}

/** A local stand-in for arXiv's API, on 127.0.0.1 and an ephemeral port. */
export interface FakeArxiv {
  /** `http://127.0.0.1:<port>`: what the server's `arxivUrl` points at. */
  url: string
  /** Every `/api/query` request, in order. */
  requests: FakeArxivRequest[]
  /** Adds or replaces papers by versionless id. */
  papers: Map<string, FakeArxivPaper>
  /** Answer every request with this status and a short body (until `answer(undefined)`). */
  fail(status: number | undefined): void
  /** Wait this long before answering each request. */
  delay(ms: number): void
  /** Answer with this raw body (200) instead of a feed. */
  respondWith(body: string | undefined): void
  /**
   * Answer 200 with a feed that never ends (chunked, no `Content-Length`): its opening, then XML
   * comments for as long as the client keeps reading.
   */
  endless(on: boolean): void
  /** Answers the client hung up on before they were complete. */
  readonly hangUps: number
}

/**
 * Starts a fake arXiv API for one test (closed when it finishes). `/api/query?id_list=a,b` is
 * answered with an Atom feed built from the fixtures: an entry for each known id (version v1),
 * arXiv's error entry for ids that are not well formed, nothing for unknown ones.
 */
export async function startFakeArxiv(
  papers: Record<string, FakeArxivPaper> = {},
): Promise<FakeArxiv> {
  const known = new Map(Object.entries(papers))
  const requests: FakeArxivRequest[] = []
  let failStatus: number | undefined
  let delayMs = 0
  let raw: string | undefined
  let endless = false
  let hangUps = 0
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname !== '/api/query') {
      res.writeHead(404).end()
      return
    }
    const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean)
    requests.push({
      ids,
      maxResults: Number(url.searchParams.get('max_results') ?? 10),
      at: performance.now(),
    })
    res.on('close', () => {
      if (!res.writableFinished) hangUps += 1
    })
    const respond = () => {
      if (res.destroyed) return
      if (endless) {
        res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
        res.write(atomFeed([]).replace('</feed>\n', ''))
        const padding = `<!-- ${'x'.repeat(16 * 1024)} -->\n`
        const pump = () => {
          while (!res.destroyed) {
            if (!res.write(padding)) return void res.once('drain', pump)
          }
        }
        pump()
        return
      }
      if (failStatus !== undefined) {
        res.writeHead(failStatus, { 'Content-Type': 'text/plain' }).end('upstream trouble')
        return
      }
      const body =
        raw ??
        atomFeed(
          ids.flatMap((id) => {
            if (!/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/.test(id)) {
              return [atomErrorEntry(id)]
            }
            const paper = known.get(id)
            if (!paper) return []
            return [
              atomEntry({
                id: `http://arxiv.org/abs/${id}v1`,
                title: paper.title,
                authors: paper.authors ?? ['A. Author'],
                summary: paper.summary ?? `Abstract of ${paper.title}.`,
                abstractLink: `http://arxiv.org/abs/${id}v1`,
                pdfLink: `http://arxiv.org/pdf/${id}v1`,
              }),
            ]
          }),
        )
      res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }).end(body)
    }
    if (delayMs > 0) setTimeout(respond, delayMs)
    else respond()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    papers: known,
    fail: (status) => (failStatus = status),
    delay: (ms) => (delayMs = ms),
    respondWith: (body) => (raw = body),
    endless: (on) => (endless = on),
    get hangUps() {
      return hangUps
    },
  }
}
