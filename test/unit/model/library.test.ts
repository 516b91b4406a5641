import { describe, expect, it } from 'vitest'
import {
  addAnnotation,
  addComment,
  addPaper,
  addTag,
  readLibrary,
  selectorsFor,
  setAnnotationDeleted,
  setCommentDeleted,
  setReadingStatus,
  toggleVote,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../../fixtures/group'

describe('readLibrary', () => {
  it('shows every paper with its tags, voters, live counts and statuses', () => {
    const doc = groupDoc()
    const older = addPaper(doc, ADA, paperInput({ title: 'Older' })).paper
    const newer = addPaper(doc, BEN, paperInput({ title: 'Newer' })).paper
    addTag(doc, ADA, older.id, 'vision')
    addTag(doc, BEN, older.id, 'baselines')
    toggleVote(doc, BEN, older.id)
    toggleVote(doc, ADA, older.id)
    const target = { source: older.id, ...selectorsFor(older.abstract, 0, 4) }
    addAnnotation(doc, ADA, { paperId: older.id, target })
    const gone = addAnnotation(doc, BEN, { paperId: older.id, target })
    setAnnotationDeleted(doc, BEN, gone.id, true)
    addComment(doc, ADA, { paperId: older.id, body: 'One' })
    const removed = addComment(doc, BEN, { paperId: older.id, body: 'Two' })
    setCommentDeleted(doc, BEN, removed.id, true)
    setReadingStatus(doc, ADA, older.id, 'read')

    const library = readLibrary(doc)
    expect(library.map((e) => e.paper.title)).toEqual(['Newer', 'Older'])
    expect(library[0]).toEqual({
      paper: newer,
      tags: [],
      voters: [],
      annotationCount: 0,
      commentCount: 0,
      status: {},
    })
    expect(library[1]).toMatchObject({
      tags: ['baselines', 'vision'],
      voters: ['ada', 'ben'],
      annotationCount: 1,
      commentCount: 1,
      status: { ada: 'read' },
    })
  })

  it('skips records a hostile replica wrote in the wrong shape', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput())
    doc.getMap('papers').set('junk', { title: 7 })
    doc.getMap('papers').set('evil', {
      ...paperInput({ title: 'Evil' }),
      authors: [],
      abstract: '',
      links: { pdf: 'javascript:alert(1)' },
      addedBy: 'x',
      addedAt: 1,
      needsMetadata: false,
    })
    doc.getMap('votes').set('no-separator', 1)
    doc.getMap('annotations').set('not-a-map', { paperId: 'x' } as never)
    const library = readLibrary(doc)
    expect(library.map((e) => e.paper.title).sort()).toEqual([
      'Discrete Key-Value Bottleneck',
      'Evil',
    ])
    expect(library.find((e) => e.paper.title === 'Evil')?.paper.links).toEqual({})
  })
})
