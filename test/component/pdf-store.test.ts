import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  forgetGroupPdfs,
  freeKeptPdfs,
  keepPdfFile,
  keptPdfFile,
  listKeptPdfs,
} from '../../client/data/pdf-store'
import { deletePdfDatabase, joinTestGroup, servedPdf } from './pdf-helpers'

beforeEach(() => void joinTestGroup())

afterEach(async () => {
  vi.unstubAllGlobals()
  await deletePdfDatabase()
})

const blobOf = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes], { type: 'application/pdf' })
const owner = (groupId: string, paperId: string) => ({ groupId, paperId, title: paperId })

describe('PDFs kept on the device', () => {
  it('keeps one file for papers of two groups, and frees it only when no group keeps it', async () => {
    const one = servedPdf('One')
    const two = servedPdf('Two')
    await keepPdfFile(one.sha256, blobOf(one.bytes), owner('g1', 'p1'))
    await keepPdfFile(one.sha256, blobOf(one.bytes), owner('g2', 'p9'))
    // Kept again for the same paper: still one owner.
    await keepPdfFile(one.sha256, blobOf(one.bytes), owner('g1', 'p1'))
    await keepPdfFile(two.sha256, blobOf(two.bytes), owner('g1', 'p2'))
    expect((await listKeptPdfs()).map((pdf) => [pdf.sha256, pdf.owners.length])).toEqual(
      [
        [one.sha256, 2],
        [two.sha256, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    const kept = await keptPdfFile(one.sha256)
    expect(new Uint8Array(await kept!.arrayBuffer())).toEqual(one.bytes)

    await forgetGroupPdfs('g1')
    expect(await listKeptPdfs()).toMatchObject([
      { sha256: one.sha256, owners: [owner('g2', 'p9')] },
    ])
    expect(await keptPdfFile(two.sha256)).toBeUndefined()

    await freeKeptPdfs()
    expect(await listKeptPdfs()).toEqual([])
    expect(await keptPdfFile(one.sha256)).toBeUndefined()
  })

  it('frees the file kept for a paper once its new PDF is kept, unless another paper keeps it', async () => {
    const old = servedPdf('Old version')
    const shared = servedPdf('Shared version')
    const fresh = servedPdf('New version')
    await keepPdfFile(old.sha256, blobOf(old.bytes), owner('g1', 'p1'))
    await keepPdfFile(shared.sha256, blobOf(shared.bytes), owner('g1', 'p2'))
    await keepPdfFile(shared.sha256, blobOf(shared.bytes), owner('g2', 'p2'))
    // Both papers' PDFs were replaced by the same new file, kept now for each.
    await keepPdfFile(fresh.sha256, blobOf(fresh.bytes), owner('g1', 'p1'))
    await keepPdfFile(fresh.sha256, blobOf(fresh.bytes), owner('g1', 'p2'))
    expect(await keptPdfFile(old.sha256)).toBeUndefined()
    const kept = await listKeptPdfs()
    expect(kept.map((pdf) => pdf.sha256).sort()).toEqual([shared.sha256, fresh.sha256].sort())
    // The other group's paper still keeps the shared file.
    expect(kept.find((pdf) => pdf.sha256 === shared.sha256)?.owners).toEqual([owner('g2', 'p2')])
    expect(kept.find((pdf) => pdf.sha256 === fresh.sha256)?.owners).toEqual([
      owner('g1', 'p1'),
      owner('g1', 'p2'),
    ])
    expect(await keptPdfFile(shared.sha256)).toBeDefined()
  })
})
