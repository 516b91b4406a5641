import { describe, expect, it } from 'vitest'
import { minimalPdf, sha256Hex } from '../fixtures/pdf'
import { errorOf, newGroup, startBlobServer } from '../helpers/blob-harness'

describe('who may reach a group PDFs', () => {
  it('refuses a request without a key or with a malformed one (401), changing nothing', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const pdf = minimalPdf()
    const none = await blobs.upload(group.groupId, undefined, pdf)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    expect(await errorOf(none)).toMatch(/key of this group/)
    expect((await blobs.upload(group.groupId, 'not-a-key', pdf)).status).toBe(401)
    const basic = await blobs.upload(group.groupId, undefined, pdf, {
      headers: { Authorization: `Basic ${group.writeKey}` },
    })
    expect(basic.status).toBe(401)
    expect(await blobs.blobFiles()).toEqual([])
  })

  it("refuses another group's key (401) for uploads, reads and arXiv fetches alike", async () => {
    const blobs = await startBlobServer()
    const mine = newGroup()
    const theirs = newGroup()
    const pdf = minimalPdf()
    expect((await blobs.upload(mine.groupId, mine.writeKey, pdf)).status).toBe(201)
    expect((await blobs.upload(mine.groupId, theirs.writeKey, pdf)).status).toBe(401)
    expect((await blobs.pdf(mine.groupId, theirs.writeKey, sha256Hex(pdf))).status).toBe(401)
    expect((await blobs.pdf(mine.groupId, theirs.readKey, sha256Hex(pdf))).status).toBe(401)
    expect((await blobs.fetchArxiv(mine.groupId, theirs.writeKey, '2401.00001')).status).toBe(401)
  })

  it('lets a read key read but not add PDFs (403), and a write key do both', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const pdf = minimalPdf()
    const refused = await blobs.upload(group.groupId, group.readKey, pdf)
    expect(refused.status).toBe(403)
    expect(await errorOf(refused)).toMatch(/read-only link cannot add PDFs/)
    expect(await blobs.blobFiles()).toEqual([])
    const arxiv = await blobs.fetchArxiv(group.groupId, group.readKey, '2401.00001')
    expect(arxiv.status).toBe(403)
    expect((await blobs.upload(group.groupId, group.writeKey, pdf)).status).toBe(201)
    const read = await blobs.pdf(group.groupId, group.readKey, sha256Hex(pdf))
    expect(read.status).toBe(200)
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(pdf)
    expect((await blobs.pdf(group.groupId, group.writeKey, sha256Hex(pdf))).status).toBe(200)
  })

  it('takes the key as a token query parameter too, but exactly one key', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const pdf = minimalPdf()
    await blobs.upload(group.groupId, group.writeKey, pdf)
    const hash = sha256Hex(pdf)
    const url = `${blobs.server.url}/api/groups/${group.groupId}/pdfs/${hash}`
    expect((await fetch(`${url}?token=${group.readKey}`)).status).toBe(200)
    expect((await fetch(`${url}?token=${group.readKey}&token=${group.readKey}`)).status).toBe(401)
    const both = await fetch(`${url}?token=${group.readKey}`, {
      headers: { Authorization: `Bearer ${group.readKey}` },
    })
    expect(both.status).toBe(401)
  })

  it('answers 400 for a bad group id or hash, 404 for no such endpoint, 405 for a method', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const base = `${blobs.server.url}/api/groups`
    const auth = { Authorization: `Bearer ${group.writeKey}` }
    expect((await fetch(`${base}/short/pdfs/${'a'.repeat(64)}`, { headers: auth })).status).toBe(
      400,
    )
    const badHash = await fetch(`${base}/${group.groupId}/pdfs/ABC`, { headers: auth })
    expect(badHash.status).toBe(400)
    expect(await errorOf(badHash)).toMatch(/SHA-256/)
    expect((await fetch(`${base}/${group.groupId}/papers`, { headers: auth })).status).toBe(404)
    const wrongMethod = await fetch(`${base}/${group.groupId}/pdfs`, { headers: auth })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    const deleted = await fetch(`${base}/${group.groupId}/pdfs/${'a'.repeat(64)}`, {
      method: 'DELETE',
      headers: auth,
    })
    expect(deleted.status).toBe(405)
  })

  it('never logs a key, whether it opened the group or not', async () => {
    const blobs = await startBlobServer()
    const group = newGroup()
    const other = newGroup()
    const pdf = minimalPdf()
    await blobs.upload(group.groupId, group.writeKey, pdf)
    await blobs.upload(group.groupId, other.writeKey, pdf)
    await blobs.upload(group.groupId, group.readKey, pdf)
    const url = `${blobs.server.url}/api/groups/${group.groupId}/pdfs/${sha256Hex(pdf)}`
    await fetch(`${url}?token=${group.readKey}`)
    await fetch(`${url}?token=${other.readKey}`)
    expect(blobs.records.map((record) => record.event)).toEqual(
      expect.arrayContaining(['pdf.stored', 'pdf.refused']),
    )
    const log = blobs.lines.join('\n')
    for (const key of [group.writeKey, group.readKey, other.writeKey, other.readKey]) {
      expect(log).not.toContain(key)
    }
  })
})
