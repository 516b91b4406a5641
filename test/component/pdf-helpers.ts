import { Blob as NodeBlob } from 'node:buffer'
import { vi } from 'vitest'
import { createGroupKeys, type GroupKeys } from '../../shared/invite'
import { rememberGroup } from '../../client/data/group-list'
import { PDF_DATABASE } from '../../client/data/pdf-store'
import { minimalPdf, sha256Hex } from '../fixtures/pdf'

/** A PDF as the fake server holds it. */
export interface ServedPdf {
  bytes: Uint8Array<ArrayBuffer>
  sha256: string
}

/** A small PDF whose one page says `text`. */
export function servedPdf(text = 'Margins test page'): ServedPdf {
  const bytes = minimalPdf({ pages: [text] })
  return { bytes, sha256: sha256Hex(bytes) }
}

/** One request the fake server saw. */
export interface SeenRequest {
  method: string
  path: string
  authorization: string | null
  body: unknown
}

/**
 * The PDF endpoints of the server as a stub of `fetch` (happy-dom has no server): uploads store
 * their body, arXiv ids in `arxiv` are fetched, stored PDFs are served. `offline()` makes every
 * request fail as with no network. The real endpoints are covered by test/e2e/pdf-offline.
 */
export function stubPdfServer(arxiv: Record<string, ServedPdf> = {}) {
  const stored = new Map<string, ServedPdf>()
  const requests: SeenRequest[] = []
  let online = true
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const path = new URL(url, 'http://localhost').pathname
      const headers = new Headers(init.headers)
      requests.push({
        method: init.method ?? 'GET',
        path,
        authorization: headers.get('Authorization'),
        body: init.body,
      })
      if (!online) throw new TypeError('Failed to fetch')
      const arxivId = /\/arxiv-pdf\/(.+)$/.exec(path)?.[1]
      if (arxivId !== undefined) {
        const pdf = arxiv[decodeURIComponent(arxivId)]
        if (!pdf) return json(404, { error: 'arXiv has no PDF for this paper.' })
        stored.set(pdf.sha256, pdf)
        return json(201, { sha256: pdf.sha256, size: pdf.bytes.byteLength, new: true })
      }
      if (path.endsWith('/pdfs') && init.method === 'POST') {
        const bytes = new Uint8Array(await (init.body as Blob).arrayBuffer())
        const pdf = { bytes, sha256: sha256Hex(bytes) }
        stored.set(pdf.sha256, pdf)
        return json(201, { sha256: pdf.sha256, size: bytes.byteLength, new: true })
      }
      const sha = /\/pdfs\/([0-9a-f]{64})$/.exec(path)?.[1]
      const pdf = sha === undefined ? undefined : stored.get(sha)
      if (!pdf) return json(404, { error: 'No such PDF in this group.' })
      return new Response(pdf.bytes, { headers: { 'Content-Type': 'application/pdf' } })
    }),
  )
  return {
    requests,
    stored,
    offline: () => (online = false),
  }
}

/**
 * Joins a fresh group on this device (its key is what the PDF requests carry), with Node's Blob
 * in place of happy-dom's: fake-indexeddb can keep only Blobs that structuredClone can copy.
 */
export function joinTestGroup(): GroupKeys {
  vi.stubGlobal('Blob', NodeBlob)
  const keys = createGroupKeys()
  rememberGroup(keys.groupId, keys.writeKey)
  return keys
}

/** Deletes the PDF database between tests. */
export function deletePdfDatabase(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(PDF_DATABASE)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

/** A File with `bytes`, as the file picker gives one. */
export function pdfFile(
  bytes: Uint8Array<ArrayBuffer>,
  name = 'paper.pdf',
  type = 'application/pdf',
) {
  return new File([bytes], name, { type })
}
