/**
 * Comments in threads. A thread hangs off a paper or one of its annotations; replies name their
 * parent. Deletion is a tombstone, so replies keep their place; only a thread's root can be
 * resolved.
 */
import * as Y from 'yjs'
import { ITEM, roots } from './keys'
import { ForbiddenError, NotFoundError, ValidationError } from './errors'
import { assertWritable } from './schema'
import { requireMember } from './members'
import { requirePaper } from './papers'
import { getAnnotation } from './annotations'
import { newId } from './new-id'
import * as v from './validate'
import type { Actor, Comment } from './types'

interface CommentCore {
  paperId: string
  annotationId?: string
  parentId?: string
  author: string
  created: number
}

/** What a new comment is made of. */
export interface CommentInput {
  paperId: string
  /** The annotation a new thread hangs off; replies inherit their parent's. */
  annotationId?: string
  /** The comment this one replies to. */
  parentId?: string
  /** Markdown. */
  body: string
}

function asComment(id: string, item: unknown): Comment | undefined {
  if (!(item instanceof Y.Map)) return undefined
  const core = item.get(ITEM.core) as CommentCore | undefined
  if (typeof core !== 'object' || core === null) return undefined
  if (typeof core.paperId !== 'string' || typeof core.author !== 'string') return undefined
  const body = item.get(ITEM.body)
  const edited = item.get(ITEM.edited)
  return {
    id,
    paperId: core.paperId,
    annotationId: typeof core.annotationId === 'string' ? core.annotationId : undefined,
    parentId: typeof core.parentId === 'string' ? core.parentId : undefined,
    author: core.author,
    body: typeof body === 'string' ? body : '',
    created: typeof core.created === 'number' ? core.created : 0,
    edited: typeof edited === 'number' ? edited : undefined,
    deleted: item.get(ITEM.deleted) === true,
    resolved: core.parentId === undefined && item.get(ITEM.resolved) === true,
  }
}

/** One comment (deleted ones too), or undefined. */
export function getComment(doc: Y.Doc, commentId: string): Comment | undefined {
  return asComment(commentId, roots(doc).comments.get(commentId))
}

/**
 * A paper's comments, oldest first, tombstones included (a deleted comment with replies still
 * holds its place in the thread; render it as "deleted").
 */
export function listComments(doc: Y.Doc, paperId: string): Comment[] {
  const found: Comment[] = []
  roots(doc).comments.forEach((item, id) => {
    const comment = asComment(id, item)
    if (comment?.paperId === paperId) found.push(comment)
  })
  return found.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
}

function body(value: unknown): string {
  return v.text('body', value, { max: v.LIMITS.body, multiline: true })
}

/** Starts a thread or replies in one. */
export function addComment(doc: Y.Doc, actor: Actor, input: CommentInput): Comment {
  const by = v.actor(actor)
  assertWritable(doc)
  requireMember(doc, by.memberId)
  const fields = v.record('input', input)
  const paper = requirePaper(doc, fields.paperId)
  const text = body(fields.body)
  const core: CommentCore = { paperId: paper.id, author: by.memberId, created: by.now }
  if (fields.parentId !== undefined) {
    const parentId = v.id('parentId', fields.parentId)
    const parent = getComment(doc, parentId)
    if (!parent) throw new NotFoundError('comment', parentId, 'parentId')
    if (parent.paperId !== paper.id) {
      throw new ValidationError('parentId', 'A reply must be on the same paper as its parent')
    }
    if (fields.annotationId !== undefined && fields.annotationId !== parent.annotationId) {
      throw new ValidationError('annotationId', 'A reply belongs to its parent’s annotation')
    }
    core.parentId = parentId
    if (parent.annotationId) core.annotationId = parent.annotationId
  } else if (fields.annotationId !== undefined) {
    const annotationId = v.id('annotationId', fields.annotationId)
    const annotation = getAnnotation(doc, annotationId)
    if (!annotation || annotation.deleted) {
      throw new NotFoundError('annotation', annotationId, 'annotationId')
    }
    if (annotation.paperId !== paper.id) {
      throw new ValidationError('annotationId', 'The annotation is on another paper')
    }
    core.annotationId = annotationId
  }
  const id = newId()
  doc.transact(() => {
    const item = new Y.Map<unknown>()
    item.set(ITEM.core, core)
    item.set(ITEM.body, text)
    item.set(ITEM.deleted, false)
    if (!core.parentId) item.set(ITEM.resolved, false)
    roots(doc).comments.set(id, item)
  })
  return asComment(id, roots(doc).comments.get(id)) as Comment
}

function existing(doc: Y.Doc, actor: Actor, commentId: unknown) {
  const by = v.actor(actor)
  assertWritable(doc)
  requireMember(doc, by.memberId)
  const id = v.id('commentId', commentId)
  const item = roots(doc).comments.get(id)
  const comment = asComment(id, item)
  if (!comment || !(item instanceof Y.Map)) throw new NotFoundError('comment', id, 'commentId')
  return { by, item, comment }
}

function own(doc: Y.Doc, actor: Actor, commentId: unknown) {
  const found = existing(doc, actor, commentId)
  if (found.comment.author !== found.by.memberId) {
    throw new ForbiddenError('Only its author can change a comment')
  }
  return found
}

/** Changes the body of one's own comment. */
export function editComment(doc: Y.Doc, actor: Actor, commentId: string, newBody: string): Comment {
  const { by, item, comment } = own(doc, actor, commentId)
  const text = body(newBody)
  if (comment.deleted) throw new ValidationError('commentId', 'This comment was deleted')
  doc.transact(() => {
    item.set(ITEM.body, text)
    item.set(ITEM.edited, by.now)
  })
  return { ...comment, body: text, edited: by.now }
}

/** Deletes (or, with `deleted` false, restores) one's own comment, leaving a tombstone. */
export function setCommentDeleted(
  doc: Y.Doc,
  actor: Actor,
  commentId: string,
  deleted: boolean,
): Comment {
  const { item, comment } = own(doc, actor, commentId)
  const value = v.bool('deleted', deleted)
  if (comment.deleted !== value) doc.transact(() => item.set(ITEM.deleted, value))
  return { ...comment, deleted: value }
}

/** Marks a thread resolved or open again; any member may, but only on a thread's root. */
export function setThreadResolved(
  doc: Y.Doc,
  actor: Actor,
  commentId: string,
  resolved: boolean,
): Comment {
  const { item, comment } = existing(doc, actor, commentId)
  const value = v.bool('resolved', resolved)
  if (comment.parentId !== undefined) {
    throw new ValidationError('commentId', 'Only the first comment of a thread can be resolved')
  }
  if (comment.resolved !== value) doc.transact(() => item.set(ITEM.resolved, value))
  return { ...comment, resolved: value }
}
