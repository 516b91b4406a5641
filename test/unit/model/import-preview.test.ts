import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectAndImport } from '../../../shared/importers'
import {
  MAX_IMPORT,
  addPaper,
  getPaper,
  importPapers,
  listPapers,
  type PaperInput,
} from '../../../shared/model'
import { chosenInputs, importBatches, previewImport } from '../../../shared/model/import-preview'
import { ADA, BEN, groupDoc, paperInput } from '../../fixtures/group'

const trending = readFileSync('server/demo/trending-papers.txt', 'utf8')

describe('previewImport', () => {
  it('flags papers the library has, by arXiv id or by title, and repeats within the paste', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ arxivId: '2401.12345', title: 'Known by id' }))
    addPaper(doc, ADA, paperInput({ title: 'TÜLU 3: Pushing Frontiers' }))
    const inputs = [
      paperInput({ arxivId: '2401.12345v2', title: 'Renamed' }),
      paperInput({ title: 'tulu 3 - pushing frontiers' }),
      paperInput({ title: 'Brand new' }),
      { arxivId: '2402.00001', source: 'arxiv' as const },
      paperInput({ title: 'Brand  NEW' }),
    ]
    const preview = previewImport(listPapers(doc), inputs)
    expect(preview.rows.map((row) => [row.title, row.status])).toEqual([
      ['Renamed', 'in-library'],
      ['tulu 3 - pushing frontiers', 'in-library'],
      ['Brand new', 'new'],
      ['arXiv:2402.00001', 'new'],
      ['Brand NEW', 'repeated'],
    ])
    expect(preview.rows[0]?.existing).toEqual({
      id: '2401.12345',
      title: 'Known by id',
      reason: 'arxiv-id',
    })
    expect(preview.rows[1]?.existing?.reason).toBe('title')
    expect(preview.rows[3]?.needsMetadata).toBe(true)
    expect(preview.rows[4]?.repeatOf).toBe(2)
    expect(preview.counts).toEqual({ new: 2, 'in-library': 2, repeated: 1, invalid: 0 })
    // Nothing was written.
    expect(listPapers(doc)).toHaveLength(2)
  })

  it('flags every paper of a pasted page as in the library once it has been imported', () => {
    const doc = groupDoc()
    const { papers } = detectAndImport(trending)
    const before = previewImport(listPapers(doc), papers)
    expect(before.counts.new).toBe(68)
    importPapers(doc, ADA, chosenInputs(before, new Set()))
    const after = previewImport(listPapers(doc), papers)
    expect(after.counts).toEqual({ new: 0, 'in-library': 68, repeated: 0, invalid: 0 })
  })

  it('shows an input the model refuses as invalid and leaves it out of the import', () => {
    const preview = previewImport(
      [],
      [paperInput({ title: 'Fine' }), paperInput({ published: '2024-13-45', title: 'Bad date' })],
    )
    expect(preview.rows[1]).toMatchObject({ status: 'invalid', title: 'Bad date' })
    expect(preview.rows[1]?.problem).toMatch(/published/)
    expect(chosenInputs(preview, new Set()).map((input) => input.title)).toEqual(['Fine'])
  })

  // The property that matters: the preview says what importPapers will then do.
  it('agrees with importPapers on which inputs are new and which paper each duplicate is', () => {
    const titles = ['Attention', 'attention!', 'Survey', 'Diffusion', 'Scaling laws']
    const ids = ['2401.00001', '2401.00002v2', '2401.00002', 'hep-th/9901001']
    const input = fc
      .record({
        title: fc.option(fc.constantFrom(...titles), { nil: undefined }),
        arxivId: fc.option(fc.constantFrom(...ids), { nil: undefined }),
      })
      .filter((fields) => fields.title !== undefined || fields.arxivId !== undefined)
      .map((fields): PaperInput => {
        const paper: PaperInput = { source: 'manual' }
        if (fields.title) paper.title = fields.title
        if (fields.arxivId) paper.arxivId = fields.arxivId
        return paper
      })
    fc.assert(
      fc.property(fc.array(input, { maxLength: 5 }), fc.array(input, { maxLength: 8 }), (a, b) => {
        const doc = groupDoc()
        importPapers(doc, ADA, a)
        const preview = previewImport(listPapers(doc), b)
        const outcome = importPapers(doc, BEN, b)
        const added = preview.rows.filter((row) => row.status === 'new')
        // The import reads its papers back folded (same-paper.ts): compare under canonical ids.
        const canonicalId = (id: string | undefined) => getPaper(doc, id as string)?.id
        expect(added.map((row) => canonicalId(row.paperId))).toEqual(
          outcome.added.map((paper) => paper.id),
        )
        const duplicates = preview.rows.filter((row) => row.status !== 'new')
        expect(duplicates.map((row) => [row.input, row.paperId])).toEqual(
          outcome.duplicates.map((d) => [d.input, d.existingId]),
        )
        for (const row of duplicates.filter((row) => row.status === 'in-library')) {
          const duplicate = outcome.duplicates.find((d) => d.input === row.input)
          expect(row.existing?.reason).toBe(duplicate?.reason)
        }
      }),
      { seed: 20260313, numRuns: 300 },
    )
  })
})

describe('chosenInputs', () => {
  it('leaves out unticked new papers and their repeats, and keeps library duplicates', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ title: 'Known' }))
    const preview = previewImport(listPapers(doc), [
      paperInput({ title: 'Keep' }),
      paperInput({ title: 'Drop' }),
      paperInput({ title: 'drop', abstract: 'More.' }),
      paperInput({ title: 'Known', doi: '10.1000/x' }),
    ])
    const chosen = chosenInputs(preview, new Set([1]))
    expect(chosen.map((input) => input.title)).toEqual(['Keep', 'Known'])
  })
})

describe('importBatches', () => {
  it(`imports more than ${MAX_IMPORT} papers as several imports, all of them added`, () => {
    const inputs = Array.from({ length: MAX_IMPORT + 1 }, (_, i) =>
      paperInput({ title: `Paper number ${i}`, abstract: '' }),
    )
    const batches = importBatches(inputs)
    expect(batches.map((batch) => batch.length)).toEqual([MAX_IMPORT, 1])
    const doc = groupDoc()
    let transactions = 0
    doc.on('update', () => transactions++)
    for (const batch of batches) importPapers(doc, ADA, batch)
    expect(transactions).toBe(2)
    expect(listPapers(doc)).toHaveLength(MAX_IMPORT + 1)
  })
})
