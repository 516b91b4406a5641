/**
 * Comments in threads. A thread hangs off a paper or one of its annotations; replies name their
 * parent. Deletion is a tombstone, so replies keep their place; only a thread's root can be
 * resolved. The comment is its author's record; the resolved flag, which any member may set,
 * is kept apart under the root's id so that it never races the author's edits.
 */
import type * as Y from 'yjs'
import { roots } from './keys'
import { ForbiddenError, NotFoundError, ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { byCanonicalPaper, sameAs } from './same-paper'
import { getAnnotation } from './annotations'
import { newId } from './new-id'
import * as v from './validate'
import { asTime } from './time'
import type { Actor, Comment } from './types'

/** A comment as stored: what its author wrote, without the thread's resolved flag. */
interface CommentRecord {
  paperId: string
  annotationId?: string
  parentId?: string
  author: string
  body: string
  created: number
  edited?: number
  deleted: boolean
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

function asComment(id: string, value: unknown, resolved: unknown): Comment | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Record<string, unknown>
  if (typeof r.paperId !== 'string' || typeof r.author !== 'string') return undefined
  const parentId = typeof r.parentId === 'string' ? r.parentId : undefined
  return {
    id,
    paperId: r.paperId,
    annotationId: typeof r.annotationId === 'string' ? r.annotationId : undefined,
    parentId,
    author: r.author,
    body: typeof r.body === 'string' ? r.body : '',
    created: asTime(r.created) ?? 0,
    edited: asTime(r.edited),
    deleted: r.deleted === true,
    resolved:
      parentId === undefined &&
      typeof resolved === 'object' &&
      resolved !== null &&
      (resolved as { resolved?: unknown }).resolved === true,
  }
}

function store(doc: Y.Doc, comment: Comment): void {
  const record: CommentRecord = {
    paperId: comment.paperId,
    author: comment.author,
    body: comment.body,
    created: comment.created,
    deleted: comment.deleted,
  }
  if (comment.annotationId !== undefined) record.annotationId = comment.annotationId
  if (comment.parentId !== undefined) record.parentId = comment.parentId
  if (comment.edited !== undefined) record.edited = comment.edited
  doc.transact(() => roots(doc).comments.set(comment.id, record))
}

/** One comment (deleted ones too), or undefined. */
export function getComment(doc: Y.Doc, commentId: string): Comment | undefined {
  const { comments, resolved } = roots(doc)
  return asComment(commentId, comments.get(commentId), resolved.get(commentId))
}

const oldestFirst = (a: Comment, b: Comment) => a.created - b.created || a.id.localeCompare(b.id)

/**
 * A paper's comments, oldest first, tombstones included (a deleted comment with replies still
 * holds its place in the thread; render it as "deleted").
 */
export function listComments(doc: Y.Doc, paperId: string): Comment[] {
  const ids = new Set(sameAs(doc, paperId))
  const found: Comment[] = []
  const { comments, resolved } = roots(doc)
  comments.forEach((value, id) => {
    const comment = asComment(id, value, resolved.get(id))
    if (comment && ids.has(comment.paperId)) found.push(comment)
  })
  return found.sort(oldestFirst)
}

/**
 * Every paper's comments in one pass, by canonical paper id, each paper's as
 * {@link listComments} gives them (tombstones included).
 */
export function commentsByPaper(doc: Y.Doc): Map<string, Comment[]> {
  const all: Comment[] = []
  const { comments, resolved } = roots(doc)
  comments.forEach((value, id) => {
    const comment = asComment(id, value, resolved.get(id))
    if (comment) all.push(comment)
  })
  return byCanonicalPaper(doc, all, oldestFirst)
}

function body(value: unknown): string {
  return v.text('body', value, { max: v.LIMITS.body, multiline: true })
}

/** Starts a thread or replies in one. */
export function addComment(doc: Y.Doc, actor: Actor, input: CommentInput): Comment {
  const by = writer(doc, actor)
  const fields = v.record('input', input)
  const paper = requirePaper(doc, fields.paperId)
  const text = body(fields.body)
  let parentId: string | undefined
  let annotationId: string | undefined
  // A reply is kept on its parent's record of the paper, and a thread's root on its annotation's:
  // records fold into one paper only while they agree (same-paper.ts), and a thread split over
  // two records could end up on two papers.
  let record = paper.id
  if (fields.parentId !== undefined) {
    parentId = v.id('parentId', fields.parentId)
    const parent = getComment(doc, parentId)
    if (!parent) throw new NotFoundError('comment', parentId, 'parentId')
    if (!sameAs(doc, paper.id).includes(parent.paperId)) {
      throw new ValidationError('parentId', 'A reply must be on the same paper as its parent')
    }
    if (fields.annotationId !== undefined && fields.annotationId !== parent.annotationId) {
      throw new ValidationError('annotationId', 'A reply belongs to its parent’s annotation')
    }
    annotationId = parent.annotationId
    record = parent.paperId
  } else if (fields.annotationId !== undefined) {
    annotationId = v.id('annotationId', fields.annotationId)
    const annotation = getAnnotation(doc, annotationId)
    if (!annotation || annotation.deleted) {
      throw new NotFoundError('annotation', annotationId, 'annotationId')
    }
    if (!sameAs(doc, paper.id).includes(annotation.paperId)) {
      throw new ValidationError('annotationId', 'The annotation is on another paper')
    }
    record = annotation.paperId
  }
  const comment: Comment = {
    id: newId(),
    paperId: record,
    annotationId,
    parentId,
    author: by.memberId,
    body: text,
    created: by.now,
    edited: undefined,
    deleted: false,
    resolved: false,
  }
  store(doc, comment)
  return comment
}

function existing(doc: Y.Doc, actor: Actor, commentId: unknown) {
  const by = writer(doc, actor)
  const id = v.id('commentId', commentId)
  const comment = getComment(doc, id)
  if (!comment) throw new NotFoundError('comment', id, 'commentId')
  return { by, comment }
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
  const { by, comment } = own(doc, actor, commentId)
  const text = body(newBody)
  if (comment.deleted) throw new ValidationError('commentId', 'This comment was deleted')
  const edited = { ...comment, body: text, edited: by.now }
  store(doc, edited)
  return edited
}

/** Deletes (or, with `deleted` false, restores) one's own comment, leaving a tombstone. */
export function setCommentDeleted(
  doc: Y.Doc,
  actor: Actor,
  commentId: string,
  deleted: boolean,
): Comment {
  const { comment } = own(doc, actor, commentId)
  const value = v.bool('deleted', deleted)
  const changed = { ...comment, deleted: value }
  if (comment.deleted !== value) store(doc, changed)
  return changed
}

/** Marks a thread resolved or open again; any member may, but only on a thread's root. */
export function setThreadResolved(
  doc: Y.Doc,
  actor: Actor,
  commentId: string,
  resolved: boolean,
): Comment {
  const { by, comment } = existing(doc, actor, commentId)
  const value = v.bool('resolved', resolved)
  if (comment.parentId !== undefined) {
    throw new ValidationError('commentId', 'Only the first comment of a thread can be resolved')
  }
  if (comment.resolved !== value) {
    doc.transact(() =>
      roots(doc).resolved.set(comment.id, { resolved: value, by: by.memberId, at: by.now }),
    )
  }
  return { ...comment, resolved: value }
}
