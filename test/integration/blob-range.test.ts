import { describe, expect, it } from 'vitest'
import { minimalPdf, sha256Hex } from '../fixtures/pdf'
import { newGroup, startBlobServer } from '../helpers/blob-harness'

/** A server holding one PDF of some 5 KiB for one group, and a reader of it with headers. */
async function withPdf() {
  const blobs = await startBlobServer()
  const group = newGroup()
  const pdf = minimalPdf({ pages: ['One', 'Two', 'Three'], padding: 5000 })
  const hash = sha256Hex(pdf)
  expect((await blobs.upload(group.groupId, group.writeKey, pdf)).status).toBe(201)
  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    blobs.pdf(group.groupId, group.readKey, hash, { method, headers })
  const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer())
  return { pdf, hash, get, bytes, size: pdf.byteLength }
}

describe('reading a PDF', () => {
  it('answers the whole file as an immutable PDF with a strong ETag and its length', async () => {
    const { pdf, hash, get, bytes, size } = await withPdf()
    const response = await get()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-length')).toBe(String(size))
    expect(response.headers.get('etag')).toBe(`"${hash}"`)
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(await bytes(response)).toEqual(pdf)
  })

  it('answers HEAD with the same headers and no body', async () => {
    const { hash, get, bytes, size } = await withPdf()
    const response = await get({}, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe(String(size))
    expect(response.headers.get('etag')).toBe(`"${hash}"`)
    expect(await bytes(response)).toEqual(new Uint8Array(0))
  })

  it('answers 304 to a reader that has this version', async () => {
    const { hash, get } = await withPdf()
    const response = await get({ 'If-None-Match': `"${hash}"` })
    expect(response.status).toBe(304)
    expect(response.headers.get('etag')).toBe(`"${hash}"`)
    expect((await get({ 'If-None-Match': `"other", W/"${hash}"` })).status).toBe(304)
    expect((await get({ 'If-None-Match': '"other"' })).status).toBe(200)
  })
})

describe('byte ranges', () => {
  it('answers a range with 206 and exactly those bytes', async () => {
    const { pdf, get, bytes, size } = await withPdf()
    const response = await get({ Range: 'bytes=100-1123' })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 100-1123/${size}`)
    expect(response.headers.get('content-length')).toBe('1024')
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(await bytes(response)).toEqual(pdf.subarray(100, 1124))
    const first = await get({ Range: 'bytes=0-0' })
    expect(await bytes(first)).toEqual(pdf.subarray(0, 1))
  })

  it('answers an open-ended range to the end of the file', async () => {
    const { pdf, get, bytes, size } = await withPdf()
    const response = await get({ Range: `bytes=${size - 300}-` })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes ${size - 300}-${size - 1}/${size}`)
    expect(await bytes(response)).toEqual(pdf.subarray(size - 300))
  })

  it('answers a suffix range with the last bytes, the whole file when it asks for more', async () => {
    const { pdf, get, bytes, size } = await withPdf()
    const tail = await get({ Range: 'bytes=-1024' })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 1024}-${size - 1}/${size}`)
    expect(await bytes(tail)).toEqual(pdf.subarray(size - 1024))
    expect(new TextDecoder().decode(await bytes(await get({ Range: 'bytes=-6' })))).toBe('%%EOF\n')
    const more = await get({ Range: `bytes=-${size + 500}` })
    expect(more.status).toBe(206)
    expect(more.headers.get('content-range')).toBe(`bytes 0-${size - 1}/${size}`)
    expect(await bytes(more)).toEqual(pdf)
  })

  it('clips an end past the file to its last byte', async () => {
    const { pdf, get, bytes, size } = await withPdf()
    const response = await get({ Range: `bytes=10-${size + 1000}` })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 10-${size - 1}/${size}`)
    expect(await bytes(response)).toEqual(pdf.subarray(10))
  })

  it.each([
    ['starting past the end', (size: number) => `bytes=${size}-`],
    ['starting far past the end', (size: number) => `bytes=${size + 10}-${size + 20}`],
    ['of zero bytes from the end', () => 'bytes=-0'],
  ])('answers 416 with the size for a range %s', async (_name, range) => {
    const { get, size } = await withPdf()
    const response = await get({ Range: range(size) })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${size}`)
    expect(((await response.json()) as { error: string }).error).toMatch(/outside/)
  })

  it('answers the whole file for a malformed range, another unit, or several ranges', async () => {
    const { pdf, get, bytes } = await withPdf()
    for (const range of ['bytes=abc', 'pages=1-2', 'bytes=0-10,500-510']) {
      const response = await get({ Range: range })
      expect(response.status).toBe(200)
      expect(await bytes(response)).toEqual(pdf)
    }
    // Overlapping ranges are one range.
    const merged = await get({ Range: 'bytes=0-99,50-199' })
    expect(merged.status).toBe(206)
    expect(await bytes(merged)).toEqual(pdf.subarray(0, 200))
  })

  it('honours If-Range only for this version of the file', async () => {
    const { pdf, hash, get, bytes } = await withPdf()
    const same = await get({ Range: 'bytes=0-9', 'If-Range': `"${hash}"` })
    expect(same.status).toBe(206)
    expect(await bytes(same)).toEqual(pdf.subarray(0, 10))
    const other = await get({ Range: 'bytes=0-9', 'If-Range': '"another"' })
    expect(other.status).toBe(200)
    expect(await bytes(other)).toEqual(pdf)
  })
})
