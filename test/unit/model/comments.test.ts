import { describe, expect, it } from 'vitest'
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  addAnnotation,
  addComment,
  addPaper,
  editComment,
  listComments,
  selectorsFor,
  setAnnotationDeleted,
  setCommentDeleted,
  setThreadResolved,
} from '../../../shared/model'
import { ADA, BEN, CAY, groupDoc, paperInput } from '../../fixtures/group'

function setup() {
  const doc = groupDoc({ withCay: true })
  const { paper } = addPaper(doc, ADA, paperInput())
  const other = addPaper(doc, ADA, paperInput({ title: 'Other paper' })).paper
  const annotation = addAnnotation(doc, ADA, {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(paper.abstract, 0, 4) },
  })
  return { doc, paper, other, annotation }
}

describe('comments', () => {
  it('threads replies under their parent and the parent’s annotation', () => {
    const { doc, paper, annotation } = setup()
    const root = addComment(doc, ADA, {
      paperId: paper.id,
      annotationId: annotation.id,
      body: '**Why** deep?',
    })
    const reply = addComment(doc, BEN, {
      paperId: paper.id,
      parentId: root.id,
      body: 'Depth helps.',
    })
    expect(reply).toMatchObject({
      parentId: root.id,
      annotationId: annotation.id,
      author: 'ben',
      resolved: false,
    })
    expect(listComments(doc, paper.id).map((c) => c.body)).toEqual([
      '**Why** deep?',
      'Depth helps.',
    ])
  })

  it.each([
    ['an empty body', { body: '  \n ' }, ValidationError],
    ['an unknown paper', { paperId: 'nope' }, NotFoundError],
    ['an unknown parent', { parentId: 'missing' }, NotFoundError],
    ['an unknown annotation', { annotationId: 'missing' }, NotFoundError],
  ])('refuses %s', (_name, change, error) => {
    const { doc, paper } = setup()
    expect(() => addComment(doc, ADA, { paperId: paper.id, body: 'Hi', ...change })).toThrow(error)
    expect(listComments(doc, paper.id)).toEqual([])
  })

  it('refuses a reply on another paper, and a thread on a deleted annotation', () => {
    const { doc, paper, other, annotation } = setup()
    const root = addComment(doc, ADA, { paperId: paper.id, body: 'Root' })
    expect(() => addComment(doc, BEN, { paperId: other.id, parentId: root.id, body: 'x' })).toThrow(
      ValidationError,
    )
    expect(() =>
      addComment(doc, BEN, { paperId: other.id, annotationId: annotation.id, body: 'x' }),
    ).toThrow(ValidationError)
    setAnnotationDeleted(doc, ADA, annotation.id, true)
    expect(() =>
      addComment(doc, BEN, { paperId: paper.id, annotationId: annotation.id, body: 'x' }),
    ).toThrow(NotFoundError)
  })

  it('keeps a deleted comment as a tombstone so its replies keep their place', () => {
    const { doc, paper } = setup()
    const root = addComment(doc, ADA, { paperId: paper.id, body: 'Root' })
    const reply = addComment(doc, BEN, { paperId: paper.id, parentId: root.id, body: 'Reply' })
    setCommentDeleted(doc, ADA, root.id, true)
    const thread = listComments(doc, paper.id)
    expect(thread.map((c) => [c.id, c.deleted])).toEqual([
      [root.id, true],
      [reply.id, false],
    ])
    expect(
      addComment(doc, CAY, { paperId: paper.id, parentId: root.id, body: 'Late reply' }).parentId,
    ).toBe(root.id)
    setCommentDeleted(doc, ADA, root.id, false)
    expect(listComments(doc, paper.id)[0]).toMatchObject({ body: 'Root', deleted: false })
  })

  it('lets only the author edit or delete, and not a deleted comment', () => {
    const { doc, paper } = setup()
    const root = addComment(doc, ADA, { paperId: paper.id, body: 'Root' })
    expect(() => editComment(doc, BEN, root.id, 'hijack')).toThrow(ForbiddenError)
    expect(() => setCommentDeleted(doc, BEN, root.id, true)).toThrow(ForbiddenError)
    expect(editComment(doc, { memberId: 'ada', now: 7 }, root.id, 'Root, edited')).toMatchObject({
      body: 'Root, edited',
      edited: 7,
    })
    expect(() => editComment(doc, ADA, root.id, '')).toThrow(ValidationError)
    setCommentDeleted(doc, ADA, root.id, true)
    expect(() => editComment(doc, ADA, root.id, 'again')).toThrow(ValidationError)
  })

  it('resolves and reopens a thread from its root only, by any member', () => {
    const { doc, paper } = setup()
    const root = addComment(doc, ADA, { paperId: paper.id, body: 'Root' })
    const reply = addComment(doc, BEN, { paperId: paper.id, parentId: root.id, body: 'Reply' })
    expect(setThreadResolved(doc, CAY, root.id, true).resolved).toBe(true)
    expect(listComments(doc, paper.id)[0]?.resolved).toBe(true)
    expect(() => setThreadResolved(doc, CAY, reply.id, true)).toThrow(ValidationError)
    setThreadResolved(doc, BEN, root.id, false)
    expect(listComments(doc, paper.id)[0]?.resolved).toBe(false)
  })
})
