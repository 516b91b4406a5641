/** Annotations: highlights on a passage of a paper, with an optional note. */
import * as Y from 'yjs'
import { ITEM, roots } from './keys'
import { ForbiddenError, NotFoundError, ValidationError } from './errors'
import { assertWritable } from './schema'
import { requireMember } from './members'
import { requirePaper } from './papers'
import { newId } from './new-id'
import { selectorMismatch } from '../anchoring/text-quote'
import * as v from './validate'
import type { Actor, Annotation, AnnotationTarget, Paper } from './types'

interface AnnotationCore {
  paperId: string
  author: string
  target: AnnotationTarget
  created: number
}

/** What a new annotation is made of. */
export interface AnnotationInput {
  paperId: string
  target: AnnotationTarget
  /** Defaults to the author's colour. */
  colour?: string
  note?: string
}

const MAX_PAGE = 100_000

function checkTarget(paper: Paper, value: unknown): AnnotationTarget {
  const target = v.record('target', value)
  if (target.source !== paper.id) {
    throw new ValidationError('target.source', 'target.source must be the annotated paper')
  }
  const quote = v.record('target.quote', target.quote)
  const position = v.record('target.position', target.position)
  const exact = v.text('target.quote.exact', quote.exact, {
    max: v.LIMITS.quote,
    multiline: true,
    empty: true,
  })
  if (typeof quote.exact !== 'string' || quote.exact.length === 0 || exact.length === 0) {
    throw new ValidationError('target.quote.exact', 'A highlight needs some text')
  }
  const context = (field: 'prefix' | 'suffix') => {
    const value = quote[field] ?? ''
    if (typeof value !== 'string' || value.length > v.LIMITS.context) {
      throw new ValidationError(`target.quote.${field}`, `target.quote.${field} must be short text`)
    }
    return value
  }
  const clean: AnnotationTarget = {
    source: paper.id,
    // The quote is kept exactly as selected (not trimmed) so that it matches the text.
    quote: { exact: quote.exact, prefix: context('prefix'), suffix: context('suffix') },
    position: {
      start: v.integer('target.position.start', position.start, 0, 10_000_000),
      end: v.integer('target.position.end', position.end, 1, 10_000_000),
    },
  }
  if (target.page !== undefined) {
    // A PDF page's text is not in the document, so only the selectors' own consistency is checked.
    clean.page = v.integer('target.page', target.page, 1, MAX_PAGE)
    if (clean.position.end - clean.position.start !== clean.quote.exact.length) {
      throw new ValidationError('target.position', 'target.position does not span the quote')
    }
    return clean
  }
  const mismatch = selectorMismatch(paper.abstract, clean.quote, clean.position)
  if (mismatch)
    throw new ValidationError('target', `The highlight does not fit the abstract: ${mismatch}`)
  return clean
}

function asAnnotation(id: string, item: unknown): Annotation | undefined {
  if (!(item instanceof Y.Map)) return undefined
  const core = item.get(ITEM.core) as AnnotationCore | undefined
  if (typeof core !== 'object' || core === null || typeof core.paperId !== 'string')
    return undefined
  if (typeof core.author !== 'string' || typeof core.target !== 'object' || core.target === null) {
    return undefined
  }
  const note = item.get(ITEM.note)
  const colour = item.get(ITEM.colour)
  const edited = item.get(ITEM.edited)
  return {
    id,
    paperId: core.paperId,
    author: core.author,
    target: core.target,
    created: typeof core.created === 'number' ? core.created : 0,
    colour: typeof colour === 'string' ? colour : '#888888',
    note: typeof note === 'string' ? note : '',
    edited: typeof edited === 'number' ? edited : undefined,
    deleted: item.get(ITEM.deleted) === true,
  }
}

/** One annotation (deleted ones too), or undefined. */
export function getAnnotation(doc: Y.Doc, annotationId: string): Annotation | undefined {
  return asAnnotation(annotationId, roots(doc).annotations.get(annotationId))
}

/** A paper's annotations in text order; deleted ones only when asked. */
export function listAnnotations(doc: Y.Doc, paperId: string, withDeleted = false): Annotation[] {
  const found: Annotation[] = []
  roots(doc).annotations.forEach((item, id) => {
    const annotation = asAnnotation(id, item)
    if (annotation?.paperId === paperId && (withDeleted || !annotation.deleted))
      found.push(annotation)
  })
  return found.sort(
    (a, b) =>
      (a.target.page ?? 0) - (b.target.page ?? 0) ||
      a.target.position.start - b.target.position.start ||
      a.created - b.created ||
      a.id.localeCompare(b.id),
  )
}

/** Highlights a passage of a paper, with an optional note. */
export function addAnnotation(doc: Y.Doc, actor: Actor, input: AnnotationInput): Annotation {
  const by = v.actor(actor)
  assertWritable(doc)
  const member = requireMember(doc, by.memberId)
  const fields = v.record('input', input)
  const paper = requirePaper(doc, fields.paperId)
  const target = checkTarget(paper, fields.target)
  const colour = fields.colour === undefined ? member.colour : v.colour('colour', fields.colour)
  const note = v.optionalText('note', fields.note, { max: v.LIMITS.note, multiline: true }) ?? ''
  const id = newId()
  const core: AnnotationCore = { paperId: paper.id, author: by.memberId, target, created: by.now }
  doc.transact(() => {
    const item = new Y.Map<unknown>()
    item.set(ITEM.core, core)
    item.set(ITEM.colour, colour)
    item.set(ITEM.note, note)
    item.set(ITEM.deleted, false)
    roots(doc).annotations.set(id, item)
  })
  return { id, ...core, colour, note, edited: undefined, deleted: false }
}

function ownAnnotation(doc: Y.Doc, actor: Actor, annotationId: unknown) {
  const by = v.actor(actor)
  assertWritable(doc)
  requireMember(doc, by.memberId)
  const id = v.id('annotationId', annotationId)
  const item = roots(doc).annotations.get(id)
  const annotation = asAnnotation(id, item)
  if (!annotation || !(item instanceof Y.Map))
    throw new NotFoundError('annotation', id, 'annotationId')
  if (annotation.author !== by.memberId) {
    throw new ForbiddenError('Only its author can change an annotation')
  }
  return { by, item, annotation }
}

/** Changes the note or colour of one's own annotation. */
export function editAnnotation(
  doc: Y.Doc,
  actor: Actor,
  annotationId: string,
  patch: { note?: string; colour?: string },
): Annotation {
  const { by, item, annotation } = ownAnnotation(doc, actor, annotationId)
  const fields = v.record('patch', patch)
  if (annotation.deleted) throw new ValidationError('annotationId', 'This annotation was deleted')
  const note =
    fields.note === undefined
      ? undefined
      : v.text('note', fields.note, { max: v.LIMITS.note, multiline: true, empty: true })
  const colour = fields.colour === undefined ? undefined : v.colour('colour', fields.colour)
  if (note === undefined && colour === undefined) {
    throw new ValidationError('patch', 'Nothing to change: give a note or a colour')
  }
  doc.transact(() => {
    if (note !== undefined) item.set(ITEM.note, note)
    if (colour !== undefined) item.set(ITEM.colour, colour)
    item.set(ITEM.edited, by.now)
  })
  return getAnnotation(doc, annotation.id) as Annotation
}

/** Deletes (or, with `deleted` false, restores) one's own annotation. Its threads stay. */
export function setAnnotationDeleted(
  doc: Y.Doc,
  actor: Actor,
  annotationId: string,
  deleted: boolean,
): Annotation {
  const { item, annotation } = ownAnnotation(doc, actor, annotationId)
  const value = v.bool('deleted', deleted)
  if (annotation.deleted !== value) doc.transact(() => item.set(ITEM.deleted, value))
  return { ...annotation, deleted: value }
}
