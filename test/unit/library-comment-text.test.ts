import { describe, expect, it } from 'vitest'
import {
  addAnnotation,
  addComment,
  addPaper,
  editComment,
  selectorsFor,
  setAnnotationDeleted,
  setCommentDeleted,
  toggleVote,
} from '../../shared/model'
import { observeCommentText, readCommentText } from '../../shared/model/comment-text'
import * as Y from 'yjs'
import { ADA, BEN, groupDoc, paperInput, replicaOf } from '../fixtures/group'

describe('readCommentText', () => {
  it('gathers live comment bodies and notes by canonical paper, oldest first', () => {
    const doc = groupDoc()
    const phone = replicaOf(doc)
    const titled = addPaper(doc, ADA, paperInput({ title: 'Same paper' })).paper
    const other = addPaper(doc, ADA, paperInput({ title: 'Other paper' })).paper
    const target = { source: titled.id, ...selectorsFor(titled.abstract, 0, 4) }
    addComment(doc, { ...ADA, now: 3 }, { paperId: titled.id, body: 'third' })
    addComment(doc, { ...BEN, now: 1 }, { paperId: titled.id, body: 'first' })
    addAnnotation(doc, { ...BEN, now: 2 }, { paperId: titled.id, target, note: 'second' })
    const gone = addComment(doc, BEN, { paperId: titled.id, body: 'deleted' })
    setCommentDeleted(doc, BEN, gone.id, true)
    const bare = addAnnotation(doc, BEN, { paperId: titled.id, target, note: 'removed note' })
    setAnnotationDeleted(doc, BEN, bare.id, true)
    // The same paper added by its arXiv id on another device at the same time: one class.
    const byId = addPaper(
      phone,
      BEN,
      paperInput({ title: 'Same paper', arxivId: '2401.00001' }),
    ).paper
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(phone))
    expect(byId.id).not.toBe(titled.id)
    addComment(doc, { ...BEN, now: 4 }, { paperId: byId.id, body: 'fourth' })

    const text = readCommentText(doc)
    expect(text.get(byId.id)).toBe('first\nsecond\nthird\nfourth')
    expect(text.has(titled.id)).toBe(false)
    expect(text.has(other.id)).toBe(false)
  })

  it('follows edits', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const comment = addComment(doc, ADA, { paperId: paper.id, body: 'draft' })
    editComment(doc, ADA, comment.id, 'final')
    expect(readCommentText(doc).get(paper.id)).toBe('final')
  })
})

describe('observeCommentText', () => {
  it('names the papers whose text may have changed, and not for votes', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const calls: (string[] | undefined)[] = []
    const stop = observeCommentText(doc, (papers) => calls.push(papers && [...papers]))
    toggleVote(doc, BEN, paper.id)
    expect(calls).toEqual([])
    addComment(doc, BEN, { paperId: paper.id, body: 'hello' })
    expect(calls).toEqual([[paper.id]])
    addPaper(doc, BEN, paperInput({ title: 'Another' }))
    expect(calls).toEqual([[paper.id], undefined])
    stop()
    addComment(doc, BEN, { paperId: paper.id, body: 'again' })
    expect(calls).toHaveLength(2)
  })
})
