import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'

/** A local stand-in for arXiv's PDF site (`/pdf/<id>`), on 127.0.0.1 and an ephemeral port. */
export interface FakeArxivPdf {
  /** `http://127.0.0.1:<port>`: what the server's `arxivPdfUrl` points at. */
  url: string
  /** The id of every `/pdf/<id>` request, in order. */
  requests: string[]
  /** PDFs by id as requested (`2401.00001`, `hep-th/9901001`, `2401.00001v2`). */
  pdfs: Map<string, Uint8Array>
  /** Answer every request with this status and type and body (until `answer(undefined)`). */
  answer(reply: { status: number; type: string; body: Uint8Array } | undefined): void
  /** Wait this long before answering each request. */
  delay(ms: number): void
  /** Send PDFs without `Content-Length` (chunked), so only reading tells their size. */
  chunked(on: boolean): void
}

/**
 * Starts a fake arXiv PDF site for one test (closed when it finishes): a known id is answered
 * with its PDF, an unknown one with 404 and an HTML page, as arXiv does.
 */
export async function startFakeArxivPdf(
  pdfs: Record<string, Uint8Array> = {},
): Promise<FakeArxivPdf> {
  const known = new Map(Object.entries(pdfs))
  const requests: string[] = []
  let reply: { status: number; type: string; body: Uint8Array } | undefined
  let delayMs = 0
  let chunked = false
  const pending = new Set<NodeJS.Timeout>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (!path.startsWith('/pdf/')) return void res.writeHead(404).end()
    const id = decodeURIComponent(path.slice('/pdf/'.length))
    requests.push(id)
    const respond = () => {
      if (reply) {
        res.writeHead(reply.status, { 'Content-Type': reply.type }).end(reply.body)
        return
      }
      const pdf = known.get(id)
      if (!pdf) {
        res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>No such paper</html>')
        return
      }
      const headers = chunked ? {} : { 'Content-Length': String(pdf.byteLength) }
      res.writeHead(200, { 'Content-Type': 'application/pdf', ...headers })
      if (!chunked) return void res.end(pdf)
      for (let at = 0; at < pdf.byteLength; at += 1024) res.write(pdf.subarray(at, at + 1024))
      res.end()
    }
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        pending.delete(timer)
        respond()
      }, delayMs)
      pending.add(timer)
    } else respond()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        // A delayed answer must not outlive its test: later tests count the timers left running.
        for (const timer of pending) clearTimeout(timer)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    pdfs: known,
    answer: (next) => (reply = next),
    delay: (ms) => (delayMs = ms),
    chunked: (on) => (chunked = on),
  }
}
