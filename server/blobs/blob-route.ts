/**
 * The PDF endpoints under `/api/groups/<groupId>/`: attach a PDF, fetch an arXiv paper's PDF,
 * and read a PDF the group holds. Every one needs a key of the group (`blob-auth.ts`); adding
 * needs the write key. Every refusal is JSON `{"error": "…"}` and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { arxivIdProblem, parseArxivId } from '../../shared/arxiv-id'
import type { Logger } from '../logger'
import { isBlobHash, type BlobStore } from '../store/blob-store'
import type { ArxivPdfFetcher, HeldPdf } from './arxiv-pdf'
import { authorizeBlobRequest } from './blob-auth'
import { BlobRequestError } from './blob-error'
import { serveBlob } from './blob-serve'
import { receivePdf } from './blob-upload'
import { sendJson } from '../send-json'

/** Where the PDF endpoints live; the HTTP handler sends every path under it here. */
export const GROUPS_API_PREFIX = '/api/groups/'

/** Largest PDF a member may attach when no other limit is configured: 50 MiB. */
export const DEFAULT_MAX_PDF_BYTES = 50 * 1024 * 1024

/** Options of {@link createBlobRoute}. */
export interface BlobRouteOptions {
  store: BlobStore
  arxiv: ArxivPdfFetcher
  logger: Logger
  /** Largest PDF a member may attach, in bytes. */
  maxPdfBytes: number
}

type Endpoint =
  | { kind: 'collection'; groupId: string }
  | { kind: 'blob'; groupId: string; hash: string }
  | { kind: 'arxiv'; groupId: string; arxivId: string }

/** The endpoint a path under {@link GROUPS_API_PREFIX} names, or undefined (404). */
function endpointOf(path: string): Endpoint | undefined {
  const [groupId = '', kind, ...rest] = path.slice(GROUPS_API_PREFIX.length).split('/')
  if (kind === 'pdfs' && rest.length === 0) return { kind: 'collection', groupId }
  if (kind === 'pdfs' && rest.length === 1) return { kind: 'blob', groupId, hash: rest[0] ?? '' }
  // Old-style ids hold a slash (hep-th/9901001), sent as is or escaped.
  if (kind === 'arxiv-pdf' && rest.length > 0) {
    let arxivId: string
    try {
      arxivId = decodeURIComponent(rest.join('/'))
    } catch {
      arxivId = ''
    }
    return { kind: 'arxiv', groupId, arxivId }
  }
  return undefined
}

const ALLOWED: Record<Endpoint['kind'], string[]> = {
  collection: ['POST'],
  blob: ['GET', 'HEAD', 'PUT'],
  arxiv: ['POST'],
}

/** The arXiv id of the path, as arXiv names it (version kept when given); throws 400. */
function checkedArxivId(text: string): string {
  const parsed = parseArxivId(text)
  const problem = parsed ? arxivIdProblem(parsed.id) : `Not an arXiv id: ${JSON.stringify(text)}`
  if (!parsed || problem) throw new BlobRequestError(400, 'bad-arxiv-id', problem ?? '')
  return parsed.version === undefined ? parsed.id : `${parsed.id}v${parsed.version}`
}

/** The handler of every path under `/api/groups/`. */
export function createBlobRoute(
  options: BlobRouteOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const { store, logger } = options

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const endpoint = endpointOf(url.pathname)
    if (!endpoint) throw new BlobRequestError(404, 'not-found', 'No such endpoint')
    const method = req.method ?? 'GET'
    if (!ALLOWED[endpoint.kind].includes(method)) {
      res.setHeader('Allow', ALLOWED[endpoint.kind].join(', '))
      throw new BlobRequestError(405, 'method-not-allowed', `${method} is not allowed here`)
    }
    const reading = method === 'GET' || method === 'HEAD'
    const { groupId } = endpoint
    authorizeBlobRequest(req, url.searchParams, groupId, reading ? 'read' : 'write')
    if (endpoint.kind === 'blob' && !isBlobHash(endpoint.hash)) {
      throw new BlobRequestError(400, 'bad-hash', 'A PDF is named by its SHA-256 in lowercase hex')
    }
    if (endpoint.kind === 'blob' && reading) {
      const info = await store.stat(groupId, endpoint.hash)
      if (!info) throw new BlobRequestError(404, 'no-such-pdf', 'This group has no such PDF')
      return serveBlob(req, res, store, info)
    }
    let held: HeldPdf
    if (endpoint.kind === 'arxiv') {
      const address = req.socket.remoteAddress ?? 'unknown'
      held = await options.arxiv.fetch(groupId, checkedArxivId(endpoint.arxivId), address)
    } else {
      const expected = endpoint.kind === 'blob' ? endpoint.hash : undefined
      held = await receivePdf(req, store, groupId, options.maxPdfBytes, expected)
    }
    logger.info('pdf.stored', `group ${groupId}: PDF ${held.added ? 'added' : 'already held'}`, {
      groupId,
      hash: held.hash,
      size: held.size,
      added: held.added,
      via: endpoint.kind === 'arxiv' ? 'arxiv' : 'upload',
    })
    const location = `${GROUPS_API_PREFIX}${groupId}/pdfs/${held.hash}`
    sendJson(
      res,
      held.added ? 201 : 200,
      { sha256: held.hash, size: held.size, new: held.added },
      { Location: location },
    )
  }

  return async (req, res, url) => {
    try {
      await handle(req, res, url)
    } catch (error) {
      if (req.destroyed && !(error instanceof BlobRequestError)) {
        // The member went away mid-upload (or the server is closing): nothing was stored.
        logger.warn('pdf.aborted', 'PDF request cut off before it ended; nothing stored', {
          ip: req.socket.remoteAddress ?? 'unknown',
        })
        return
      }
      if (!(error instanceof BlobRequestError)) {
        logger.error('pdf.failed', `PDF request failed: ${String(error)}`)
        if (!res.headersSent) sendJson(res, 500, { error: 'internal-error' })
        else res.destroy()
        return
      }
      // Neither the URL nor its query is logged: the query may hold the token.
      logger.warn('pdf.refused', `PDF request refused: ${error.status} ${error.reason}`, {
        status: error.status,
        reason: error.reason,
        ip: req.socket.remoteAddress ?? 'unknown',
        detail: error.detail,
      })
      if (res.headersSent) return void res.destroy()
      // A body left unread (over the size limit) is not read on: the connection goes instead.
      const unread = !req.complete
      const headers: Record<string, string> = { ...error.headers }
      if (unread) headers.Connection = 'close'
      if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer'
      if (error.status === 503) headers['Retry-After'] = '10'
      sendJson(res, error.status, { error: error.message }, headers)
      if (unread) res.once('finish', () => req.socket.destroySoon())
    }
  }
}
