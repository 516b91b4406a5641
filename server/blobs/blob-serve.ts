/**
 * `GET`/`HEAD /api/groups/<groupId>/pdfs/<sha256>`: a PDF the group holds, with byte ranges
 * (the PDF reader asks for the pages it shows first) and caching for good, since a blob's bytes
 * never change under its name.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import parseRange from 'range-parser'
import type { BlobInfo, BlobStore } from '../store/blob-store'

/** `private`: the bytes belong to one group, so no shared cache may keep them. */
const IMMUTABLE = 'private, max-age=31536000, immutable'

/**
 * range-parser refuses a suffix range longer than the file (`bytes=-500` of 100 bytes), which
 * RFC 9110 §14.1.2 says means the whole file: clamp such suffixes to the size first.
 */
function clampSuffixes(header: string, size: number): string {
  return header.replace(/([=,]\s*)-(\d+)(?=\s*(,|$))/g, (_all, before: string, length: string) =>
    Number(length) > size ? `${before}-${size}` : `${before}-${length}`,
  )
}

/** The one byte range to send, `'unsatisfiable'`, or undefined for the whole blob. */
function rangeOf(
  req: IncomingMessage,
  info: BlobInfo,
  etag: string,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const header = req.headers.range
  if (header === undefined) return undefined
  // A range of another version of the file is no range of this one.
  const ifRange = req.headers['if-range']
  if (ifRange !== undefined && ifRange !== etag) return undefined
  const ranges = parseRange(info.size, clampSuffixes(header, info.size), { combine: true })
  if (ranges === -1) return 'unsatisfiable'
  // A malformed header, another unit, or several ranges: the whole file, as RFC 9110 allows.
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined
  return ranges[0]
}

/** Sends blob `info` (which the caller checked the group holds) as a PDF. */
export async function serveBlob(
  req: IncomingMessage,
  res: ServerResponse,
  store: BlobStore,
  info: BlobInfo,
): Promise<void> {
  const etag = `"${info.hash}"`
  res.setHeader('ETag', etag)
  res.setHeader('Cache-Control', IMMUTABLE)
  res.setHeader('Accept-Ranges', 'bytes')
  // If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" matches "x".
  const seen = req.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
  if (seen?.includes('*') || seen?.includes(etag)) {
    res.writeHead(304).end()
    return
  }
  const range = rangeOf(req, info, etag)
  if (range === 'unsatisfiable') {
    const text = JSON.stringify({
      error: `The PDF has ${info.size} bytes; that range is outside it`,
    })
    res.writeHead(416, {
      'Content-Range': `bytes */${info.size}`,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    res.end(req.method === 'HEAD' ? undefined : text)
    return
  }
  res.setHeader('Content-Type', 'application/pdf')
  if (range) {
    res.writeHead(206, {
      'Content-Range': `bytes ${range.start}-${range.end}/${info.size}`,
      'Content-Length': range.end - range.start + 1,
    })
  } else {
    res.writeHead(200, { 'Content-Length': info.size })
  }
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  // A reader that goes away mid-file ends the pipeline with an error that concerns nobody.
  await pipeline(store.read(info.hash, range), res).catch(() => res.destroy())
}
