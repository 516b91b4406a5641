import { describe, expect, it } from 'vitest'
import {
  addAnnotation,
  addComment,
  addPaper,
  addTag,
  editAnnotation,
  readLibrary,
  selectorsFor,
  setAnnotationDeleted,
  setCommentDeleted,
  setReadingStatus,
  toggleVote,
} from '../../../shared/model'
import { ADA, BEN, CAY, groupDoc, paperInput } from '../../fixtures/group'
import { libraryEntry } from '../../fixtures/library'

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
    expect(library[0]).toEqual(libraryEntry(newer))
    expect(library[1]).toMatchObject({
      tags: ['baselines', 'vision'],
      voters: ['ada', 'ben'],
      annotationCount: 1,
      commentCount: 1,
      status: { ada: 'read' },
      // When each live vote, comment and annotation was made, for the hot order.
      times: {
        votes: [ADA.now, BEN.now],
        comments: [ADA.now],
        annotations: [ADA.now],
      },
    })
  })

  it('keeps each member’s newest live annotation or comment, edits included', () => {
    const doc = groupDoc({ withCay: true })
    const { paper } = addPaper(doc, ADA, paperInput())
    const target = { source: paper.id, ...selectorsFor(paper.abstract, 0, 4) }
    const at = (actor: typeof ADA, minutes: number) => ({
      ...actor,
      now: Date.UTC(2026, 3, 1, 0, minutes),
    })
    addComment(doc, at(ADA, 1), { paperId: paper.id, body: 'Early' })
    const note = addAnnotation(doc, at(BEN, 2), { paperId: paper.id, target, note: 'Hm' })
    editAnnotation(doc, at(BEN, 5), note.id, { note: 'Hm, edited' })
    const late = addComment(doc, at(ADA, 9), { paperId: paper.id, body: 'Late, then deleted' })
    setCommentDeleted(doc, at(ADA, 10), late.id, true)
    const gone = addComment(doc, at(CAY, 7), { paperId: paper.id, body: 'Gone' })
    setCommentDeleted(doc, at(CAY, 8), gone.id, true)

    expect(readLibrary(doc)[0]?.lastActivity).toEqual({
      ada: Date.UTC(2026, 3, 1, 0, 1),
      ben: Date.UTC(2026, 3, 1, 0, 5),
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
