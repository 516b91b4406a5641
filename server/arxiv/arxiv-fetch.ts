/**
 * One request to arXiv's API (or the mirror `--arxiv-url` names), read with a size limit, every
 * failure turned into an {@link ArxivLookupError} whose message says nothing of the network
 * behind the server.
 */
import { importArxivAtom } from '../../shared/importers/arxiv-atom'
import type { PaperInput } from '../../shared/model/types'
import { ArxivLookupError } from './arxiv-lookup-error'

/** How {@link fetchPapers} asks. */
export interface ArxivFetchOptions {
  /** Origin of the API, without a trailing slash. */
  base: string
  /** How long the whole request, body included, may take. */
  timeoutMs: number
  /** Most bytes of body read (after decompression); past it the request is given up. */
  maxBytes: number
  /** Aborted when the server shuts down. */
  closed: AbortSignal
}

/** The papers of arXiv's answer for `ids`; throws {@link ArxivLookupError}. */
export async function fetchPapers(
  ids: readonly string[],
  options: ArxivFetchOptions,
): Promise<PaperInput[]> {
  const idList = ids.map(encodeURIComponent).join(',')
  const url = `${options.base}/api/query?id_list=${idList}&max_results=${ids.length}`
  const timer = AbortSignal.timeout(options.timeoutMs)
  let text: string
  try {
    const response = await fetch(url, {
      signal: AbortSignal.any([timer, options.closed]),
      headers: { Accept: 'application/atom+xml', 'User-Agent': 'Margins reading-group server' },
    })
    if (!response.ok) {
      await response.body?.cancel()
      throw new ArxivLookupError(502, `arXiv answered ${response.status}`)
    }
    text = await readText(response, options.maxBytes)
  } catch (error) {
    if (error instanceof ArxivLookupError) throw error
    if (timer.aborted) {
      throw new ArxivLookupError(504, `arXiv did not answer within ${options.timeoutMs} ms`)
    }
    if (options.closed.aborted) throw new ArxivLookupError(503, 'The server is shutting down')
    throw new ArxivLookupError(502, 'arXiv could not be reached', describe(error))
  }
  try {
    return importArxivAtom(text).papers
  } catch (error) {
    throw new ArxivLookupError(
      502,
      'arXiv answered something other than an Atom feed',
      describe(error),
    )
  }
}

/** The body as UTF-8 text, refused past `maxBytes` without reading the rest. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const tooLong = () => new ArxivLookupError(502, `arXiv answered more than ${size(maxBytes)}`)
  // A mirror that announces too much is not read at all.
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel()
    throw tooLong()
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let read = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    read += value.byteLength
    if (read > maxBytes) {
      // Cancelling closes the connection, so the upstream stops sending.
      await reader.cancel()
      throw tooLong()
    }
    text += decoder.decode(value, { stream: true })
  }
}

function size(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}

function describe(error: unknown): string {
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return error instanceof Error ? `${error.message}${cause}` : String(error)
}
