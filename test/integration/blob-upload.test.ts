import { request } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HTML_ERROR_PAGE, minimalPdf, sha256Hex } from '../fixtures/pdf'
import { errorOf, newGroup, startBlobServer, type StoredAnswer } from '../helpers/blob-harness'

/**
 * POSTs a body that never ends (chunks for as long as the server reads) and resolves with the
 * status the server answered before the body was done, and how many bytes were sent by then.
 */
function uploadEndless(url: string, token: string): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(16 * 1024, '%')
    chunk.write('%PDF-1.4\n')
    let sent = 0
    const req = request(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/pdf' },
    })
    req.on('response', (res) => {
      resolve({ status: res.statusCode ?? 0, sent })
      res.resume()
      req.destroy()
    })
    req.on('error', (error) => (sent > 0 ? undefined : reject(error)))
    const pump = () => {
      while (!req.destroyed) {
        const more = req.write(chunk)
        sent += chunk.length
        if (!more) return void req.once('drain', pump)
      }
    }
    pump()
  })
}

describe('attaching a PDF', () => {
  it('stores the bytes under their SHA-256 and answers hash, size and whether it is new', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const pdf = minimalPdf({ pages: ['First page', 'Second page'] })
    const hash = sha256Hex(pdf)
    const first = await blobs.upload(group.groupId, group.writeKey, pdf)
    expect(first.status).toBe(201)
    expect(first.headers.get('location')).toBe(`/api/groups/${group.groupId}/pdfs/${hash}`)
    expect(await first.json()).toEqual({ sha256: hash, size: pdf.byteLength, new: true })
    const again = await blobs.upload(group.groupId, group.writeKey, pdf)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ sha256: hash, size: pdf.byteLength, new: false })
    expect(await blobs.blobFiles()).toEqual([join(hash.slice(0, 2), hash)])
    expect(await blobs.stagedFiles()).toEqual([])
    const read = await blobs.pdf(group.groupId, group.readKey, hash)
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(pdf)
  })

  it('keeps one file for the same PDF from two groups; each reaches it only once it added it', async () => {
    const blobs = await startBlobServer()
    const ada = newGroup()
    const ben = newGroup()
    const pdf = minimalPdf()
    const hash = sha256Hex(pdf)
    await blobs.upload(ada.groupId, ada.writeKey, pdf)
    const before = await blobs.pdf(ben.groupId, ben.readKey, hash)
    expect(before.status).toBe(404)
    expect(await errorOf(before)).toBe('This group has no such PDF')
    expect((await blobs.pdf(ben.groupId, ben.readKey, hash, { method: 'HEAD' })).status).toBe(404)
    // New to Ben's group, whoever else holds it: the answer tells nothing of other groups.
    const added = await blobs.upload(ben.groupId, ben.writeKey, pdf)
    expect(added.status).toBe(201)
    expect(((await added.json()) as StoredAnswer).new).toBe(true)
    expect((await blobs.pdf(ben.groupId, ben.readKey, hash)).status).toBe(200)
    expect(await blobs.blobFiles()).toEqual([join(hash.slice(0, 2), hash)])
  })

  it('refuses a PDF over the size limit with 413 from its Content-Length, storing nothing', async () => {
    const small = minimalPdf()
    const blobs = await startBlobServer({ maxPdfBytes: small.byteLength })
    const group = newGroup()
    const big = minimalPdf({ padding: 200 })
    const refused = await blobs.upload(group.groupId, group.writeKey, big)
    expect(refused.status).toBe(413)
    expect(await errorOf(refused)).toBe(
      `This PDF is larger than the server's limit of ${small.byteLength} bytes`,
    )
    expect(await blobs.blobFiles()).toEqual([])
    // Exactly the limit is fine.
    expect((await blobs.upload(group.groupId, group.writeKey, small)).status).toBe(201)
  })

  it('stops reading a streamed body as soon as it passes the limit, and keeps nothing', async () => {
    const limit = 256 * 1024
    const blobs = await startBlobServer({ maxPdfBytes: limit })
    const group = newGroup()
    const { status, sent } = await uploadEndless(
      `${blobs.server.url}/api/groups/${group.groupId}/pdfs`,
      group.writeKey,
    )
    expect(status).toBe(413)
    // An endless body got an answer at all, so the server did not wait for its end.
    expect(sent).toBeGreaterThan(limit)
    expect(await blobs.blobFiles()).toEqual([])
    expect(await blobs.stagedFiles()).toEqual([])
    // The server carries on.
    expect((await blobs.upload(group.groupId, group.writeKey, minimalPdf())).status).toBe(201)
  })

  it.each([
    ['an HTML error page', HTML_ERROR_PAGE, /web page \(HTML\), not a PDF/],
    [
      'a PNG',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      /starts with %PDF-/,
    ],
    ['a PDF cut short', minimalPdf().subarray(0, 300), /incomplete/],
    ['an empty file', new Uint8Array(0), /empty/],
  ])('refuses %s with 415 and a clear message, storing nothing', async (_name, bytes, message) => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const refused = await blobs.upload(group.groupId, group.writeKey, bytes)
    expect(refused.status).toBe(415)
    expect(await errorOf(refused)).toMatch(message)
    expect(await blobs.blobFiles()).toEqual([])
    expect(await blobs.stagedFiles()).toEqual([])
    expect((await blobs.pdf(group.groupId, group.readKey, sha256Hex(bytes))).status).toBe(404)
  })

  it('refuses a form upload (415): the body must be the file itself', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const form = new FormData()
    form.append('file', new Blob([minimalPdf()], { type: 'application/pdf' }), 'paper.pdf')
    const refused = await fetch(`${blobs.server.url}/api/groups/${group.groupId}/pdfs`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${group.writeKey}` },
    })
    expect(refused.status).toBe(415)
    expect(await errorOf(refused)).toMatch(/not a form/)
    expect(await blobs.blobFiles()).toEqual([])
  })

  it('takes a PUT to the hash URL only when the bytes hash to it', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const pdf = minimalPdf()
    const hash = sha256Hex(pdf)
    const url = `${blobs.server.url}/api/groups/${group.groupId}/pdfs`
    const init = (bytes: Uint8Array<ArrayBuffer>) => ({
      method: 'PUT',
      body: bytes,
      headers: { Authorization: `Bearer ${group.writeKey}`, 'Content-Type': 'application/pdf' },
    })
    const wrong = await fetch(`${url}/${'0'.repeat(64)}`, init(pdf))
    expect(wrong.status).toBe(400)
    expect(await errorOf(wrong)).toContain(hash)
    expect(await blobs.blobFiles()).toEqual([])
    const right = await fetch(`${url}/${hash}`, init(pdf))
    expect(right.status).toBe(201)
    expect(await right.json()).toEqual({ sha256: hash, size: pdf.byteLength, new: true })
  })
})

describe('crash safety of the blob store', () => {
  it('never shows a half-written file under a hash name, and clears what a crash left', async () => {
    const first = await startBlobServer()
    const group = newGroup()
    const pdf = minimalPdf()
    await first.upload(group.groupId, group.writeKey, pdf)
    await first.server.close()
    // What a crash mid-upload leaves: bytes in the staging area, never under a hash name.
    const leftover = join(first.blobDir, 'staging', 'crashed.part')
    await writeFile(leftover, minimalPdf().subarray(0, 100))
    // A file a crash left after its rename but before its index row: held by nobody.
    const other = minimalPdf({ pages: ['Orphan'] })
    const orphanHash = sha256Hex(other)
    await mkdir(join(first.blobDir, orphanHash.slice(0, 2)), { recursive: true })
    await writeFile(join(first.blobDir, orphanHash.slice(0, 2), orphanHash), other)

    const again = await startBlobServer({ blobDir: first.blobDir })
    const read = await again.pdf(group.groupId, group.readKey, sha256Hex(pdf))
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(pdf)
    expect(await again.stagedFiles()).toEqual([])
    expect((await again.pdf(group.groupId, group.readKey, orphanHash)).status).toBe(404)
    // Uploading those bytes adopts the file.
    const adopted = await again.upload(group.groupId, group.writeKey, other)
    expect(adopted.status).toBe(201)
    expect((await again.pdf(group.groupId, group.readKey, orphanHash)).status).toBe(200)
  })

  it('keeps nothing of an upload the member cut off midway', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    await new Promise<void>((resolve) => {
      const req = request(`${blobs.server.url}/api/groups/${group.groupId}/pdfs`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${group.writeKey}`, 'Content-Length': '100000' },
      })
      req.on('error', () => resolve())
      req.write(minimalPdf().subarray(0, 200), () => setTimeout(() => req.destroy(), 50))
      req.on('close', () => resolve())
    })
    await expect.poll(() => blobs.records.map((record) => record.event)).toContain('pdf.aborted')
    expect(await blobs.stagedFiles()).toEqual([])
    expect(await blobs.blobFiles()).toEqual([])
    expect(blobs.records.filter((record) => record.level === 'error')).toEqual([])
  })
})
