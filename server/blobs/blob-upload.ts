/**
 * `POST /api/groups/<groupId>/pdfs` (and `PUT …/pdfs/<sha256>`): a member attaches a PDF file.
 * The body is the file's raw bytes. It is streamed to the blob store's staging area, hashed on
 * the way, and given up as soon as it passes the size limit; only a whole file that passes the
 * type check is stored, so a refusal leaves nothing behind.
 */
import type { IncomingMessage } from 'node:http'
import { BlobTooLargeError, type BlobStore } from '../store/blob-store'
import type { HeldPdf } from './arxiv-pdf'
import { BlobRequestError } from './blob-error'
import { pdfProblem } from './pdf-check'

/** Body types an upload may declare: a PDF, or bytes of unknown type (the check decides). */
const ACCEPTED_TYPES = new Set(['application/pdf', 'application/octet-stream', 'application/x-pdf'])

/** The error of an upload over `maxBytes`. */
export function tooLarge(maxBytes: number): BlobRequestError {
  return new BlobRequestError(
    413,
    'pdf-too-large',
    `This PDF is larger than the server's limit of ${maxBytes} bytes`,
  )
}

/**
 * Stores the request body as a PDF of `groupId`. With `expected` (a PUT to the hash's URL), the
 * bytes must hash to it. Throws a {@link BlobRequestError}; a 413 means the body was not read
 * to its end, so the caller must close the connection.
 */
export async function receivePdf(
  req: IncomingMessage,
  store: BlobStore,
  groupId: string,
  maxBytes: number,
  expected?: string,
): Promise<HeldPdf> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type !== '' && !ACCEPTED_TYPES.has(type)) {
    throw new BlobRequestError(
      415,
      'not-pdf',
      'Send the PDF file itself as the body (Content-Type: application/pdf), not a form',
    )
  }
  if (req.headers['content-encoding'] !== undefined) {
    throw new BlobRequestError(415, 'encoded', 'Send the PDF without Content-Encoding')
  }
  if (Number(req.headers['content-length']) > maxBytes) throw tooLarge(maxBytes)
  let staged
  try {
    // Not destroyed on early exit: the caller still has to answer on this connection.
    staged = await store.stage(req.iterator({ destroyOnReturn: false }), { maxBytes })
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw tooLarge(maxBytes)
    throw error
  }
  const problem = staged.size === 0 ? 'The file is empty' : pdfProblem(staged.head, staged.tail)
  if (problem) {
    await staged.discard()
    throw new BlobRequestError(415, 'not-pdf', problem)
  }
  if (expected !== undefined && staged.hash !== expected) {
    await staged.discard()
    throw new BlobRequestError(
      400,
      'hash-mismatch',
      `The file's SHA-256 is ${staged.hash}, not the ${expected} its address names`,
    )
  }
  const done = await staged.commit(groupId)
  return { hash: staged.hash, size: staged.size, added: done.added }
}
