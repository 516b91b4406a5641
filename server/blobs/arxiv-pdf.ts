/**
 * Fetches the PDF of an arXiv paper into the blob store on a member's request, once: the first
 * request downloads `<base>/pdf/<id>` and records it as source `arxiv:<id>`; every later request
 * for that id, from any group, is answered from the store. Downloads run one at a time, so a
 * group asking for its whole reading list does not hammer arXiv.
 */
import { BlobTooLargeError, type BlobStore } from '../store/blob-store'
import { BlobRequestError } from './blob-error'
import { createDownloadBudget, type DownloadLimits } from './download-budget'
import { pdfProblem } from './pdf-check'

/** arXiv's site, where `/pdf/<id>` is a paper's PDF, when no other is configured. */
export const DEFAULT_ARXIV_PDF_URL = 'https://arxiv.org'

/** Settings of {@link createArxivPdfFetcher}. */
export interface ArxivPdfOptions {
  /** Origin (and optional path) that serves `/pdf/<id>`, without a trailing slash. */
  baseUrl: string
  store: BlobStore
  /** Most bytes of one PDF; a longer download is given up. */
  maxBytes: number
  /** How long one download, body included, may take. Default 60 s. */
  timeoutMs?: number
  /** Most requests waiting for their turn; more are refused as busy (503). Default 20. */
  maxQueued?: number
  /** Downloads one client address may start (`server/blobs/download-budget.ts`). */
  clientLimits?: Partial<DownloadLimits>
}

/** A PDF a group holds. */
export interface HeldPdf {
  hash: string
  size: number
  /** True when the group did not hold it before. */
  added: boolean
}

/** See {@link createArxivPdfFetcher}. */
export interface ArxivPdfFetcher {
  /**
   * Gives `groupId` the PDF of `arxivId` (as the member named it, version or not); a download
   * is counted against the budget of `address`, the client's.
   */
  fetch(groupId: string, arxivId: string, address: string): Promise<HeldPdf>
  /** Downloads started so far. */
  readonly downloads: number
  /** Cancels the download in flight and refuses the waiting ones (503). */
  close(): Promise<void>
}

/** A fetcher of arXiv PDFs into `options.store`; throws {@link BlobRequestError}s. */
export function createArxivPdfFetcher(options: ArxivPdfOptions): ArxivPdfFetcher {
  const { store, maxBytes } = options
  const timeoutMs = options.timeoutMs ?? 60_000
  const maxQueued = options.maxQueued ?? 20
  const closed = new AbortController()
  const inFlight = new Map<string, Promise<HeldPdf>>()
  let tail: Promise<unknown> = Promise.resolve()
  let queued = 0
  let downloads = 0
  const budget = createDownloadBudget(options.clientLimits)

  const shuttingDown = () =>
    new BlobRequestError(503, 'shutting-down', 'The server is shutting down')

  async function grant(groupId: string, hash: string): Promise<HeldPdf> {
    const granted = await store.grant(groupId, hash)
    const info = await store.stat(groupId, hash)
    if (!granted.held || !info) throw new Error(`blob ${hash} recorded for a source but missing`)
    return { hash, size: info.size, added: granted.added }
  }

  async function download(groupId: string, id: string, source: string): Promise<HeldPdf> {
    // Another request may have stored it while this one waited for its turn.
    const known = await store.sourceOf(source)
    if (known) return grant(groupId, known)
    if (closed.signal.aborted) throw shuttingDown()
    downloads += 1
    const timer = AbortSignal.timeout(timeoutMs)
    const signal = AbortSignal.any([timer, closed.signal])
    try {
      const response = await fetch(`${options.baseUrl}/pdf/${id}`, {
        signal,
        headers: { Accept: 'application/pdf', 'User-Agent': 'Margins reading-group server' },
      })
      if (!response.ok) {
        await response.body?.cancel()
        if (response.status === 404) {
          throw new BlobRequestError(404, 'arxiv-no-pdf', 'arXiv has no PDF for this id')
        }
        throw new BlobRequestError(502, 'arxiv-failed', `arXiv answered ${response.status}`)
      }
      if (Number(response.headers.get('content-length')) > maxBytes) {
        await response.body?.cancel()
        throw tooLarge()
      }
      const staged = await store.stage(bodyOf(response), { maxBytes })
      const problem = pdfProblem(staged.head, staged.tail)
      if (problem) {
        await staged.discard()
        const start = Buffer.from(staged.head.subarray(0, 64)).toString('latin1')
        throw new BlobRequestError(
          502,
          'arxiv-not-pdf',
          'arXiv answered something other than a PDF',
          `${problem}; content-type ${response.headers.get('content-type')}; starts ${JSON.stringify(start)}`,
        )
      }
      const done = await staged.commit(groupId, source)
      return { hash: staged.hash, size: staged.size, added: done.added }
    } catch (error) {
      if (error instanceof BlobRequestError) throw error
      if (error instanceof BlobTooLargeError) throw tooLarge()
      if (timer.aborted) {
        throw new BlobRequestError(
          504,
          'arxiv-timeout',
          `arXiv did not answer within ${timeoutMs} ms`,
        )
      }
      if (closed.signal.aborted) throw shuttingDown()
      throw new BlobRequestError(
        502,
        'arxiv-unreachable',
        'arXiv could not be reached',
        describe(error),
      )
    }
  }

  const tooLarge = () =>
    new BlobRequestError(502, 'arxiv-too-large', `arXiv's PDF is larger than ${maxBytes} bytes`)

  function queue(groupId: string, id: string, source: string): Promise<HeldPdf> {
    if (queued >= maxQueued) {
      throw new BlobRequestError(503, 'busy', 'Too many PDFs are waiting for arXiv; try again soon')
    }
    queued += 1
    const mine = tail.then(() => download(groupId, id, source))
    tail = mine.catch(() => undefined)
    return mine.finally(() => (queued -= 1))
  }

  return {
    async fetch(groupId, id, address) {
      if (closed.signal.aborted) throw shuttingDown()
      const source = `arxiv:${id}`
      const known = await store.sourceOf(source)
      if (known) return grant(groupId, known)
      const flight = inFlight.get(source)
      // Someone is fetching it already: wait for that download rather than start another.
      if (flight) return flight.then((held) => grant(groupId, held.hash))
      if (!budget.take(address)) {
        throw new BlobRequestError(
          429,
          'arxiv-limited',
          'Too many arXiv PDFs asked for from this address; try again in a minute',
          undefined,
          { 'Retry-After': String(budget.retryAfterSeconds) },
        )
      }
      const started = queue(groupId, id, source).finally(() => inFlight.delete(source))
      inFlight.set(source, started)
      return started
    },
    get downloads() {
      return downloads
    },
    async close() {
      closed.abort()
      await tail
    },
  }
}

/** The body of a fetch response as chunks of bytes. */
async function* bodyOf(response: Response): AsyncIterable<Uint8Array> {
  if (!response.body) return
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    // Stopping early (over the limit) cancels the download, which closes the connection.
    await reader.cancel().catch(() => undefined)
  }
}

function describe(error: unknown): string {
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return error instanceof Error ? `${error.message}${cause}` : String(error)
}
