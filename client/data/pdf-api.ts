import { findJoinedGroup } from './group-list'

/** The server's answer when it has stored a PDF (docs/server.md, "PDFs"). */
export interface StoredPdfAnswer {
  sha256: string
  size: number
}

/** A PDF request that got no answer (status 0) or a refusal, with words for the member. */
export class PdfRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'PdfRequestError'
  }
}

function keyOf(groupId: string): string {
  const group = findJoinedGroup(groupId)
  if (!group) throw new PdfRequestError(401, 'This group is not joined on this device.')
  return group.key
}

function groupPath(groupId: string): string {
  return `/api/groups/${encodeURIComponent(groupId)}`
}

/** What the member is told for a refusal the server explained, or a status it did not. */
function explain(status: number, said: string | undefined): string {
  if (status === 401) return 'The server did not accept this group’s key.'
  if (status === 403) return 'This link is read-only: only members with a write link add PDFs.'
  if (status === 429 || status === 503) return 'The server is busy fetching PDFs. Try again soon.'
  return said ?? `The server answered ${status}.`
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, init)
  } catch {
    throw new PdfRequestError(0, 'No connection to the server: try again once online.')
  }
  if (response.ok) return response
  const body = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined
  const said = typeof body?.error === 'string' ? body.error : undefined
  throw new PdfRequestError(response.status, explain(response.status, said))
}

async function stored(response: Response): Promise<StoredPdfAnswer> {
  const body = (await response.json().catch(() => undefined)) as Partial<StoredPdfAnswer>
  if (typeof body?.sha256 !== 'string' || typeof body.size !== 'number') {
    throw new PdfRequestError(502, 'The server’s answer could not be read.')
  }
  return { sha256: body.sha256, size: body.size }
}

/** Sends a PDF file to the group's store on the server. */
export async function uploadPdf(groupId: string, file: Blob): Promise<StoredPdfAnswer> {
  const response = await send(`${groupPath(groupId)}/pdfs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${keyOf(groupId)}`, 'Content-Type': 'application/pdf' },
    body: file,
  })
  return stored(response)
}

/** Asks the server to fetch an arXiv paper's PDF into the group's store. */
export async function fetchArxivPdf(groupId: string, arxivId: string): Promise<StoredPdfAnswer> {
  // An old-style id's slash is sent as `%2F`, which the server takes as the slash.
  const response = await send(`${groupPath(groupId)}/arxiv-pdf/${encodeURIComponent(arxivId)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${keyOf(groupId)}` },
  })
  return stored(response)
}

/** Downloads the group's PDF named `sha256`, checked against its name. */
export async function downloadPdf(groupId: string, sha256: string): Promise<Blob> {
  const response = await send(`${groupPath(groupId)}/pdfs/${sha256}`, {
    headers: { Authorization: `Bearer ${keyOf(groupId)}` },
  })
  let bytes: ArrayBuffer
  try {
    bytes = await response.arrayBuffer()
  } catch {
    throw new PdfRequestError(0, 'The download was cut off: try again once online.')
  }
  const hash = await sha256Hex(bytes)
  if (hash !== undefined && hash !== sha256) {
    throw new PdfRequestError(502, 'The downloaded file is not the paper’s PDF (it was damaged).')
  }
  return new Blob([bytes], { type: 'application/pdf' })
}

/**
 * The SHA-256 of `bytes` as 64 lowercase hex digits, or undefined where the browser has no
 * `crypto.subtle` (a page served over plain http from another host than localhost).
 */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
