import { describe, expect, it } from 'vitest'
import {
  addAnnotation,
  addComment,
  addPaper,
  addTag,
  importPapers,
  listAnnotations,
  listComments,
  listPapers,
  paperIdFor,
  readLibrary,
  readingStatusOf,
  removeTag,
  selectorsFor,
  setReadingStatus,
  setVote,
  tagCounts,
  tagsOf,
  toggleVote,
  votersOf,
  type PaperInput,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, paperInput, replicaOf } from '../../fixtures/group'
import { canonical, syncAll } from '../../helpers/replicas'

const TITLE = 'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training'
const titled = paperInput({ title: TITLE, abstract: 'From the trending page.', authors: [] })
const byId: PaperInput = { arxivId: '2411.15124v1', source: 'arxiv' }
const full = paperInput({ title: TITLE, arxivId: '2411.15124v2', abstract: 'From arXiv.' })
const hashId = paperIdFor(undefined, TITLE)

describe('records that are the same paper', () => {
  it.each([
    ['title, then id, then metadata', [titled, byId, full]],
    ['metadata, then title, then id', [full, titled, byId]],
    ['id, then title, then metadata', [byId, titled, full]],
  ])('are one paper whatever the order they arrive in (%s)', (_name, inputs) => {
    const doc = groupDoc()
    for (const input of inputs) importPapers(doc, ADA, [input])
    const papers = listPapers(doc)
    expect(papers.map((p) => [p.id, p.title, p.needsMetadata])).toEqual([
      ['2411.15124', TITLE, false],
    ])
    expect(readLibrary(doc)).toHaveLength(1)
  })

  it('gathers what members did on either record under the arXiv one', () => {
    const doc = groupDoc()
    const early = addPaper(doc, ADA, titled).paper
    toggleVote(doc, ADA, early.id)
    addTag(doc, ADA, early.id, 'rlhf')
    setReadingStatus(doc, ADA, early.id, 'reading')
    const target = { source: early.id, ...selectorsFor(early.abstract, 0, 4) }
    addAnnotation(doc, ADA, { paperId: early.id, target })
    const thread = addComment(doc, ADA, { paperId: early.id, body: 'Worth a look' })
    addPaper(doc, BEN, byId)
    importPapers(doc, BEN, [full])
    toggleVote(doc, BEN, '2411.15124')
    addComment(doc, BEN, { paperId: '2411.15124', parentId: thread.id, body: 'Agreed' })

    expect(votersOf(doc, '2411.15124')).toEqual(['ada', 'ben'])
    expect(tagsOf(doc, '2411.15124').map((t) => t.tag)).toEqual(['rlhf'])
    expect(listAnnotations(doc, '2411.15124')).toHaveLength(1)
    expect(listComments(doc, '2411.15124').map((c) => c.body)).toEqual(['Worth a look', 'Agreed'])
    expect(tagCounts(doc)).toEqual([{ tag: 'rlhf', count: 1 }])
    expect(readLibrary(doc)[0]).toMatchObject({
      paper: { id: '2411.15124', abstract: 'From arXiv.', addedBy: 'ada' },
      voters: ['ada', 'ben'],
      tags: ['rlhf'],
      annotationCount: 1,
      commentCount: 2,
      status: { ada: 'reading' },
    })
  })

  it('takes back a vote, tag or status made on the other record', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, titled)
    toggleVote(doc, ADA, hashId)
    addTag(doc, ADA, hashId, 'rlhf')
    setReadingStatus(doc, ADA, hashId, 'reading')
    importPapers(doc, BEN, [full])
    expect(toggleVote(doc, ADA, '2411.15124')).toBe(false)
    expect(votersOf(doc, hashId)).toEqual([])
    expect(removeTag(doc, ADA, '2411.15124', 'rlhf')).toBe(true)
    expect(tagsOf(doc, hashId)).toEqual([])
    setReadingStatus(doc, ADA, '2411.15124', 'read')
    expect(readingStatusOf(doc, hashId).map((s) => s.status)).toEqual(['read'])
    expect(setVote(doc, ADA, hashId, true)).toBe(true)
    expect(votersOf(doc, '2411.15124')).toEqual(['ada'])
  })

  it('merges the same paper added offline on two devices, one by title, one by arXiv', () => {
    const ada = groupDoc()
    const ben = replicaOf(ada)
    addPaper(ada, ADA, titled)
    toggleVote(ada, ADA, hashId)
    importPapers(ben, BEN, [full])
    toggleVote(ben, BEN, '2411.15124')
    syncAll([ada, ben])
    expect(canonical(ada)).toBe(canonical(ben))
    for (const doc of [ada, ben]) {
      expect(listPapers(doc).map((p) => p.id)).toEqual(['2411.15124'])
      expect(readLibrary(doc)[0]?.voters).toEqual(['ada', 'ben'])
    }
  })

  it('keeps apart papers that share a title but not an arXiv id, and a title-only one', () => {
    const doc = groupDoc()
    importPapers(doc, ADA, [
      paperInput({ title: 'A Survey', arxivId: '2301.00001' }),
      paperInput({ title: 'A Survey', arxivId: '2302.00002' }),
    ])
    addPaper(doc, BEN, paperInput({ title: 'A survey' }))
    expect(listPapers(doc)).toHaveLength(2)
    expect(
      readLibrary(doc)
        .map((e) => e.paper.id)
        .sort(),
    ).toEqual(['2301.00001', '2302.00002'])
  })
})
