/** Annotations: highlights on a passage of a paper, with an optional note. */
import type * as Y from 'yjs'
import { roots } from './keys'
import { ForbiddenError, NotFoundError, ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { byCanonicalPaper, sameAs } from './same-paper'
import { newId } from './new-id'
import { selectorMismatch } from '../anchoring/text-quote'
import * as v from './validate'
import { asTime } from './time'
import type { Actor, Annotation, AnnotationTarget, Paper } from './types'

/** An annotation as stored: everything but its id, which is the key. */
type AnnotationRecord = Omit<Annotation, 'id' | 'edited'> & { edited?: number }

/** What a new annotation is made of. */
export interface AnnotationInput {
  paperId: string
  target: AnnotationTarget
  /** Defaults to the author's colour. */
  colour?: string
  note?: string
}

const MAX_PAGE = 100_000

function checkTarget(paper: Paper, sources: string[], value: unknown): AnnotationTarget {
  const target = v.record('target', value)
  if (typeof target.source !== 'string' || !sources.includes(target.source)) {
    throw new ValidationError('target.source', 'target.source must be the annotated paper')
  }
  const quote = v.record('target.quote', target.quote)
  const position = v.record('target.position', target.position)
  const exact = v.rawText('target.quote.exact', quote.exact, v.LIMITS.quote)
  const context = (field: 'prefix' | 'suffix') =>
    v.rawText(`target.quote.${field}`, quote[field] ?? '', v.LIMITS.context, true)
  const clean: AnnotationTarget = {
    source: target.source,
    // The quote is kept exactly as selected (not trimmed) so that it matches the text.
    quote: { exact, prefix: context('prefix'), suffix: context('suffix') },
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
    if (target.pdf !== undefined) clean.pdf = v.sha256('target.pdf', target.pdf)
    return clean
  }
  if (target.pdf !== undefined) {
    throw new ValidationError('target.pdf', 'target.pdf names the PDF of a page: give target.page')
  }
  const mismatch = selectorMismatch(paper.abstract, clean.quote, clean.position)
  if (mismatch)
    throw new ValidationError('target', `The highlight does not fit the abstract: ${mismatch}`)
  return clean
}

const isPage = (page: unknown): page is number =>
  typeof page === 'number' && Number.isInteger(page) && page >= 1 && page <= MAX_PAGE

function asTarget(value: unknown): AnnotationTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { source, page, pdf, quote, position } = value as Record<string, unknown>
  // A page that is no page would place the highlight nowhere sensible: the record is skipped.
  if (page !== undefined && !isPage(page)) return undefined
  if (typeof source !== 'string' || typeof quote !== 'object' || quote === null) return undefined
  if (typeof position !== 'object' || position === null) return undefined
  const { exact, prefix, suffix } = quote as Record<string, unknown>
  const { start, end } = position as Record<string, unknown>
  if (typeof exact !== 'string' || typeof prefix !== 'string' || typeof suffix !== 'string') {
    return undefined
  }
  if (typeof start !== 'number' || typeof end !== 'number') return undefined
  // A fresh object each time: what a reader returns must never alias what Yjs stores.
  const target: AnnotationTarget = {
    source,
    quote: { exact, prefix, suffix },
    position: { start, end },
  }
  if (page !== undefined) target.page = page
  // The PDF is only a hint, so a stored value that is not a hash is dropped, not the highlight.
  if (page !== undefined && v.isSha256(pdf)) target.pdf = pdf
  return target
}

function asAnnotation(id: string, value: unknown): Annotation | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Record<string, unknown>
  const target = asTarget(r.target)
  if (typeof r.paperId !== 'string' || typeof r.author !== 'string' || !target) return undefined
  return {
    id,
    paperId: r.paperId,
    author: r.author,
    target,
    created: asTime(r.created) ?? 0,
    colour: v.storedColour(r.colour),
    note: typeof r.note === 'string' ? r.note : '',
    edited: asTime(r.edited),
    deleted: r.deleted === true,
  }
}

function store(doc: Y.Doc, annotation: Annotation): void {
  const { id, edited, ...rest } = annotation
  const record: AnnotationRecord = edited === undefined ? rest : { ...rest, edited }
  doc.transact(() => roots(doc).annotations.set(id, record))
}

/** One annotation (deleted ones too), or undefined. */
export function getAnnotation(doc: Y.Doc, annotationId: string): Annotation | undefined {
  return asAnnotation(annotationId, roots(doc).annotations.get(annotationId))
}

/** Text order: page (the abstract first), then position, then creation. */
function inTextOrder(a: Annotation, b: Annotation): number {
  return (
    (a.target.page ?? 0) - (b.target.page ?? 0) ||
    a.target.position.start - b.target.position.start ||
    a.created - b.created ||
    a.id.localeCompare(b.id)
  )
}

/** A paper's annotations in text order; deleted ones only when asked. */
export function listAnnotations(doc: Y.Doc, paperId: string, withDeleted = false): Annotation[] {
  const ids = new Set(sameAs(doc, paperId))
  const found: Annotation[] = []
  roots(doc).annotations.forEach((value, id) => {
    const annotation = asAnnotation(id, value)
    if (annotation && ids.has(annotation.paperId) && (withDeleted || !annotation.deleted))
      found.push(annotation)
  })
  return found.sort(inTextOrder)
}

/**
 * Every paper's live annotations in one pass, by canonical paper id, each paper's as
 * {@link listAnnotations} gives them: for readers of the whole group, which would otherwise
 * read every annotation once per paper.
 */
export function annotationsByPaper(doc: Y.Doc): Map<string, Annotation[]> {
  const live: Annotation[] = []
  roots(doc).annotations.forEach((value, id) => {
    const annotation = asAnnotation(id, value)
    if (annotation && !annotation.deleted) live.push(annotation)
  })
  return byCanonicalPaper(doc, live, inTextOrder)
}

/** Highlights a passage of a paper, with an optional note. */
export function addAnnotation(doc: Y.Doc, actor: Actor, input: AnnotationInput): Annotation {
  const by = writer(doc, actor)
  const member = by.member
  const fields = v.record('input', input)
  const paper = requirePaper(doc, fields.paperId)
  const target = checkTarget(paper, sameAs(doc, paper.id), fields.target)
  // The member's colour as read is already checked (see members.ts), so it is safe to copy.
  const colour = fields.colour === undefined ? member.colour : v.colour('colour', fields.colour)
  const note = v.optionalText('note', fields.note, { max: v.LIMITS.note, multiline: true }) ?? ''
  const annotation: Annotation = {
    id: newId(),
    paperId: paper.id,
    author: by.memberId,
    target,
    created: by.now,
    colour,
    note,
    edited: undefined,
    deleted: false,
  }
  store(doc, annotation)
  return annotation
}

function ownAnnotation(doc: Y.Doc, actor: Actor, annotationId: unknown) {
  const by = writer(doc, actor)
  const id = v.id('annotationId', annotationId)
  const annotation = getAnnotation(doc, id)
  if (!annotation) throw new NotFoundError('annotation', id, 'annotationId')
  if (annotation.author !== by.memberId) {
    throw new ForbiddenError('Only its author can change an annotation')
  }
  return { by, annotation }
}

/** Changes the note or colour of one's own annotation. */
export function editAnnotation(
  doc: Y.Doc,
  actor: Actor,
  annotationId: string,
  patch: { note?: string; colour?: string },
): Annotation {
  const { by, annotation } = ownAnnotation(doc, actor, annotationId)
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
  const edited: Annotation = {
    ...annotation,
    note: note ?? annotation.note,
    colour: colour ?? annotation.colour,
    edited: by.now,
  }
  store(doc, edited)
  return edited
}

/** Deletes (or, with `deleted` false, restores) one's own annotation. Its threads stay. */
export function setAnnotationDeleted(
  doc: Y.Doc,
  actor: Actor,
  annotationId: string,
  deleted: boolean,
): Annotation {
  const { annotation } = ownAnnotation(doc, actor, annotationId)
  const value = v.bool('deleted', deleted)
  const changed = { ...annotation, deleted: value }
  if (annotation.deleted !== value) store(doc, changed)
  return changed
}
