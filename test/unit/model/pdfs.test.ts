import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  NotFoundError,
  ValidationError,
  addPaper,
  attachPdf,
  importPapers,
  listPdfs,
  paperIdFor,
  pdfOf,
  pdfsOf,
  type PdfInput,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, later, paperInput, replicaOf } from '../../fixtures/group'

const SHA_A = 'a'.repeat(64)
const SHA_B = 'b'.repeat(64)
const upload = (overrides: Partial<PdfInput> = {}): PdfInput => ({
  sha256: SHA_A,
  size: 12_345,
  source: 'upload',
  name: 'paper.pdf',
  ...overrides,
})

function pdfEntries(doc: Y.Doc): Array<[string, unknown]> {
  return [...doc.getMap<unknown>('pdfs').entries()]
}

describe('attaching a PDF to a paper', () => {
  it('records the file, how it came and who attached it, and reads it back', () => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput()).paper
    const pdf = attachPdf(doc, BEN, paper.id, upload({ sha256: SHA_A.toUpperCase() }))
    const expected = {
      paperId: paper.id,
      sha256: SHA_A,
      size: 12_345,
      source: 'upload',
      name: 'paper.pdf',
      addedBy: 'ben',
      addedAt: BEN.now,
    }
    expect(pdf).toEqual(expected)
    expect(pdfOf(doc, paper.id)).toEqual(expected)
    expect(listPdfs(doc)).toEqual(new Map([[paper.id, expected]]))
  })

  it('keeps the arXiv id (with its version) of a fetched PDF', () => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput({ arxivId: '2401.12345' })).paper
    attachPdf(doc, ADA, paper.id, {
      sha256: SHA_A,
      size: 900,
      source: 'arxiv',
      arxivId: '2401.12345v2',
    })
    expect(pdfOf(doc, paper.id)).toMatchObject({ source: 'arxiv', arxivId: '2401.12345v2' })
    expect(pdfOf(doc, paper.id)).not.toHaveProperty('name')
  })

  it('makes the file attached last the paper’s PDF, keeping the earlier one listed', () => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput()).paper
    attachPdf(doc, ADA, paper.id, upload())
    attachPdf(doc, BEN, paper.id, upload({ sha256: SHA_B, name: 'v2.pdf' }))
    expect(pdfOf(doc, paper.id)?.sha256).toBe(SHA_B)
    expect(pdfsOf(doc, paper.id).map((pdf) => pdf.sha256)).toEqual([SHA_B, SHA_A])
    // Attaching the earlier file again makes it the paper's PDF again.
    attachPdf(doc, later(BEN, 1_000), paper.id, upload())
    expect(pdfOf(doc, paper.id)).toMatchObject({ sha256: SHA_A, addedBy: 'ben' })
  })

  it('writes nothing when the file already is the paper’s PDF', () => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput()).paper
    attachPdf(doc, ADA, paper.id, upload())
    const before = Y.encodeStateVector(doc)
    expect(attachPdf(doc, BEN, paper.id, upload()).addedBy).toBe('ada')
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it.each<[string, Partial<PdfInput> | Record<string, unknown>, string]>([
    ['a hash that is no SHA-256', { sha256: 'abc' }, 'sha256'],
    ['a hash of 64 characters that are not hex', { sha256: 'g'.repeat(64) }, 'sha256'],
    ['an empty file', { size: 0 }, 'size'],
    ['a size that is no whole number', { size: 1.5 }, 'size'],
    ['a size past the limit', { size: 2 ** 31 + 1 }, 'size'],
    ['a size that is text', { size: '100' }, 'size'],
    ['an unknown source', { source: 'email' }, 'source'],
    ['an arXiv id on an upload', { arxivId: '2401.12345' }, 'arxivId'],
    ['a file name with a control character', { name: 'a\u0007.pdf' }, 'name'],
    ['a file name that is too long', { name: `${'x'.repeat(300)}.pdf` }, 'name'],
    ['an arXiv PDF without an id', { source: 'arxiv', name: undefined }, 'arxivId'],
    ['an arXiv PDF with a bad id', { source: 'arxiv', name: undefined, arxivId: 'x' }, 'arxivId'],
    ['an arXiv PDF with a file name', { source: 'arxiv', arxivId: '2401.12345' }, 'name'],
  ])('refuses %s and writes nothing', (_name, overrides, field) => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput()).paper
    const input = { ...upload(), ...overrides } as PdfInput
    let error: unknown
    try {
      attachPdf(doc, ADA, paper.id, input)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe(field)
    expect(pdfEntries(doc)).toEqual([])
  })

  it('refuses an unknown paper and a stranger', () => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput()).paper
    expect(() => attachPdf(doc, ADA, 'nope', upload())).toThrow(NotFoundError)
    expect(() => attachPdf(doc, { memberId: 'zed' }, paper.id, upload())).toThrow(NotFoundError)
    expect(pdfEntries(doc)).toEqual([])
  })
})

describe('reading PDFs', () => {
  it('finds a PDF attached to another record of the same paper, under the canonical id', () => {
    const title = 'A Paper Both Ways'
    const ada = groupDoc()
    const ben = replicaOf(ada)
    const byTitle = addPaper(ada, ADA, paperInput({ title })).paper
    attachPdf(ada, ADA, byTitle.id, upload())
    importPapers(ben, BEN, [paperInput({ title, arxivId: '2401.12345' })])
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(ben))
    expect(byTitle.id).toBe(paperIdFor(undefined, title))
    expect(pdfOf(ada, '2401.12345')).toMatchObject({ paperId: '2401.12345', sha256: SHA_A })
    expect(pdfOf(ada, byTitle.id)?.paperId).toBe('2401.12345')
    expect([...listPdfs(ada).keys()]).toEqual(['2401.12345'])
  })

  it('settles on the same PDF on every replica when two members attach at once', () => {
    const ada = groupDoc()
    const paper = addPaper(ada, ADA, paperInput()).paper
    const ben = replicaOf(ada)
    attachPdf(ada, ADA, paper.id, upload())
    attachPdf(ben, later(ADA, 0), paper.id, upload({ sha256: SHA_B }))
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(ben))
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada))
    // Same time: the greater hash wins, whatever the map order; both files stay listed.
    expect(pdfOf(ada, paper.id)?.sha256).toBe(SHA_B)
    expect(pdfOf(ben, paper.id)?.sha256).toBe(SHA_B)
    expect(pdfsOf(ben, paper.id)).toHaveLength(2)
  })

  it('skips records of the wrong shape from another replica', () => {
    const doc = groupDoc()
    const paper = addPaper(doc, ADA, paperInput()).paper
    const pdfs = doc.getMap<unknown>('pdfs')
    const sep = '\u001f'
    pdfs.set(`${paper.id}${sep}not-a-hash`, { size: 1, source: 'upload', addedBy: 'a', addedAt: 1 })
    pdfs.set(`${paper.id}${sep}${SHA_A}`, { size: -1, source: 'upload', addedBy: 'a', addedAt: 1 })
    pdfs.set(`${paper.id}${sep}${SHA_B}`, { size: 10, source: 'fax', addedBy: 'a', addedAt: 1 })
    expect(pdfOf(doc, paper.id)).toBeUndefined()
    const good = 'c'.repeat(64)
    pdfs.set(`${paper.id}${sep}${good}`, {
      size: 10,
      source: 'upload',
      name: 7,
      arxivId: 'javascript:alert(1)',
      addedBy: 'a',
      addedAt: 1e20,
    })
    expect(pdfOf(doc, paper.id)).toEqual({
      paperId: paper.id,
      sha256: good,
      size: 10,
      source: 'upload',
      addedBy: 'a',
      addedAt: 0,
    })
  })
})
