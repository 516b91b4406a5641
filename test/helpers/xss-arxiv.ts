import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { atomEntry, atomFeed, type AtomEntryFields } from '../fixtures/importers/atom'

/** A stand-in for arXiv's API that answers with whatever entries the XSS suite gives it. */
export interface HostileArxiv {
  /** `http://127.0.0.1:<port>`, for the server's `arxivUrl`. */
  url: string
  /** Ids asked for, in order. */
  asked: string[]
  close(): Promise<void>
}

/** Escapes text for an XML element or attribute, as arXiv's own feed does. */
export function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * Starts it on 127.0.0.1; `/api/query?id_list=a,b` gets a feed of the entries of the known ids
 * among them (fields already XML-escaped). Lives until `close`, so it can serve a whole suite.
 */
export async function startHostileArxiv(
  entries: ReadonlyMap<string, AtomEntryFields>,
): Promise<HostileArxiv> {
  const asked: string[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean)
    asked.push(...ids)
    const known = ids.flatMap((id) => {
      const fields = entries.get(id.replace(/v\d+$/, ''))
      return fields ? [atomEntry({ id: `http://arxiv.org/abs/${id}v1`, ...fields })] : []
    })
    res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
    res.end(atomFeed(known))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
