import type * as Y from 'yjs'
import { fromHexString, toBase64UrlEncoded } from 'lib0/buffer'
import {
  getPaper,
  listMembers,
  readGroup,
  type Annotation,
  type Comment,
  type Paper,
} from '../model'
import { annotationsByPaper } from '../model/annotations'
import { commentsByPaper } from '../model/comments'
import { listPdfs } from '../model/pdfs'
import { arxivAbsUrl, arxivPdfUrl } from '../arxiv-id'

/**
 * A group's annotations and threads in the W3C Web Annotation Data Model, as JSON-LD
 * (https://www.w3.org/TR/annotation-model/): the format Hypothesis exports and other annotation
 * tools read. Built by hand from the model, since it is a plain JSON shape with no library to
 * build it that would save more than it costs; `test/unit/export-web-annotation.test.ts` checks
 * it against the model's requirements.
 *
 * - Each annotation is an `Annotation`, motivated `commenting` with its note as a Markdown
 *   `TextualBody`, or `highlighting` when bare. On the abstract, its target is the paper (its
 *   arXiv or DOI page) with a `TextQuoteSelector` (prefix and suffix included): the stored
 *   position counts in the abstract alone, not in that page's text, so it is left out. On a PDF
 *   page, the target is the PDF (named by its SHA-256, RFC 6920 `ni:` URI, else its arXiv or
 *   http address) with a `FragmentSelector` `page=n` (RFC 8118) refined by the quote and,
 *   as an alternative, by the position over that page's text; with no PDF known, the paper and
 *   the quote alone.
 * - Each comment is an `Annotation` too: the first of a thread on an annotation, and every reply,
 *   are motivated `replying` and target what they answer (as Hypothesis exports replies); a
 *   thread on the paper itself starts with `commenting` on the paper.
 * - Deleted annotations and comments, and the threads of deleted annotations, are left out; a
 *   reply to a deleted comment answers what that comment answered.
 */
export interface WebAnnotationCollection {
  '@context': 'http://www.w3.org/ns/anno.jsonld'
  id: string
  type: 'AnnotationCollection'
  label: string
  generated: string
  generator: { id: string; type: 'Software'; name: string; homepage?: string }
  total: number
  first?: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] }
  last?: string
}

/** One `Annotation` of the export. */
export interface WebAnnotation {
  id: string
  type: 'Annotation'
  motivation: 'commenting' | 'highlighting' | 'replying'
  created: string
  modified?: string
  creator: { id: string; type: 'Person'; name?: string }
  body?: { type: 'TextualBody'; value: string; format: 'text/markdown'; purpose: string }
  target: string | WebAnnotationTarget
}

/** A passage of a paper's abstract or of a page of its PDF. */
export interface WebAnnotationTarget {
  source: string
  /** The paper, when the source is its PDF. */
  scope?: string
  selector: Selector[]
}

type TextSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number }

type Selector =
  | TextSelector
  | { type: 'FragmentSelector'; conformsTo: string; value: string; refinedBy: TextSelector }

/** What {@link webAnnotationsOf} exports, and when. */
export interface WebAnnotationExport {
  groupId: string
  /** The papers whose annotations and threads go in, in this order. */
  paperIds: readonly string[]
  generated: Date
}

const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778'

/** What of one paper goes into the export: its live annotations and the comments kept. */
interface Exported {
  paper: Paper
  annotations: Annotation[]
  comments: Comment[]
  /** The parent of every comment of the paper, deleted ones included. */
  parents: Map<string, string | undefined>
}

/**
 * The papers of `paperIds` that exist, each with its live annotations and the live comments
 * not in a deleted annotation's thread. Reads every annotation and comment once.
 */
function exported(doc: Y.Doc, paperIds: readonly string[]): Exported[] {
  const annotations = annotationsByPaper(doc)
  const comments = commentsByPaper(doc)
  const chosen: Exported[] = []
  for (const paperId of paperIds) {
    const paper = getPaper(doc, paperId)
    if (!paper) continue
    const own = annotations.get(paper.id) ?? []
    const live = new Set(own.map((annotation) => annotation.id))
    const all = comments.get(paper.id) ?? []
    const kept = all.filter(
      (comment) =>
        !comment.deleted && (comment.annotationId === undefined || live.has(comment.annotationId)),
    )
    const parents = new Map(all.map((comment) => [comment.id, comment.parentId]))
    chosen.push({ paper, annotations: own, comments: kept, parents })
  }
  return chosen
}

/** How many annotations and comments {@link webAnnotationsOf} would export for `paperIds`. */
export function exportCounts(
  doc: Y.Doc,
  paperIds: readonly string[],
): { annotations: number; comments: number } {
  let annotations = 0
  let comments = 0
  for (const each of exported(doc, paperIds)) {
    annotations += each.annotations.length
    comments += each.comments.length
  }
  return { annotations, comments }
}

/** The annotations and threads of `options.paperIds` in the group `doc`. */
export function webAnnotationsOf(
  doc: Y.Doc,
  options: WebAnnotationExport,
): WebAnnotationCollection {
  const names = new Map(listMembers(doc).map((member) => [member.id, member.name]))
  const creator = (memberId: string): WebAnnotation['creator'] => {
    const name = names.get(memberId)
    return { id: urn('member', memberId), type: 'Person', ...(name ? { name } : {}) }
  }
  const pdfs = listPdfs(doc)
  const items: WebAnnotation[] = []
  for (const { paper, annotations, comments, parents } of exported(doc, options.paperIds)) {
    const pdf = pdfs.get(paper.id)?.sha256
    for (const annotation of annotations) {
      items.push(annotationItem(paper, annotation, pdf, creator(annotation.author)))
    }
    items.push(...commentItems(paper, comments, parents, creator))
  }
  const id = urn('group', options.groupId, 'annotations')
  const name = readGroup(doc)?.name ?? 'Reading group'
  const page = `${id}:page:1`
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'AnnotationCollection',
    label: `${name}: annotations and threads`,
    generated: options.generated.toISOString(),
    generator: { id: 'urn:margins', type: 'Software', name: 'Margins' },
    total: items.length,
    ...(items.length > 0
      ? { first: { id: page, type: 'AnnotationPage', startIndex: 0, items }, last: page }
      : {}),
  }
}

/** A `urn:margins:` name; each id is percent-encoded, since a replica may hold any string. */
function urn(kind: string, ...ids: string[]): string {
  return ['urn:margins', kind, ...ids.map(encodeURIComponent)].join(':')
}

/** The web page of a paper: its arXiv abstract page, its DOI, its link, else a URN of its id. */
export function paperIri(paper: Paper): string {
  if (paper.arxivId) return arxivAbsUrl(paper.arxivId)
  if (paper.doi) return `https://doi.org/${paper.doi.split('/').map(encodeURIComponent).join('/')}`
  if (paper.links.abstract && /^https?:\/\//.test(paper.links.abstract)) return paper.links.abstract
  return urn('paper', paper.id)
}

/** RFC 6920's name of a file by its SHA-256 (64 hex digits): `ni:///sha-256;<base64url>`. */
export function sha256Iri(hex: string): string {
  // lib0's base64url has no padding, as RFC 6920 wants.
  return `ni:///sha-256;${toBase64UrlEncoded(fromHexString(hex))}`
}

const time = (epochMs: number) => new Date(epochMs).toISOString()

function quoteSelector(target: Annotation['target']): TextSelector {
  const { exact, prefix, suffix } = target.quote
  return {
    type: 'TextQuoteSelector',
    exact,
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
  }
}

const isHttp = (url: string | undefined): url is string =>
  url !== undefined && /^https?:\/\//.test(url)

function targetOf(paper: Paper, annotation: Annotation, pdf: string | undefined) {
  const { target } = annotation
  const quote = quoteSelector(target)
  const page = target.page
  const sha256 = target.pdf ?? pdf
  const file = sha256
    ? sha256Iri(sha256)
    : paper.arxivId
      ? arxivPdfUrl(paper.arxivId)
      : isHttp(paper.links.pdf)
        ? paper.links.pdf
        : undefined
  if (page === undefined || file === undefined) {
    return { source: paperIri(paper), selector: [quote] } satisfies WebAnnotationTarget
  }
  const position: TextSelector = {
    type: 'TextPositionSelector',
    start: target.position.start,
    end: target.position.end,
  }
  // Alternatives (the model's reading of several selectors): the page, then either of the
  // two ways of finding the passage on it.
  const selector: Selector[] = [quote, position].map((refinedBy) => ({
    type: 'FragmentSelector',
    conformsTo: PDF_FRAGMENT,
    value: `page=${page}`,
    refinedBy,
  }))
  return { source: file, scope: paperIri(paper), selector } satisfies WebAnnotationTarget
}

function annotationItem(
  paper: Paper,
  annotation: Annotation,
  pdf: string | undefined,
  creator: WebAnnotation['creator'],
): WebAnnotation {
  const note = annotation.note.trim() !== ''
  return {
    id: urn('annotation', annotation.id),
    type: 'Annotation',
    motivation: note ? 'commenting' : 'highlighting',
    created: time(annotation.created),
    ...(annotation.edited !== undefined ? { modified: time(annotation.edited) } : {}),
    creator,
    ...(note
      ? {
          body: {
            type: 'TextualBody',
            value: annotation.note,
            format: 'text/markdown',
            purpose: 'commenting',
          },
        }
      : {}),
    target: targetOf(paper, annotation, pdf),
  }
}

/**
 * What `comment` answers: its nearest parent that is exported, else its annotation, else the
 * paper. `parents` holds every comment's parent, so that deleted ones are walked past.
 */
function answered(
  comment: Comment,
  kept: ReadonlySet<string>,
  parents: ReadonlyMap<string, string | undefined>,
  paper: Paper,
): { target: string; reply: boolean } {
  const seen = new Set<string>()
  let parent = comment.parentId
  while (parent !== undefined && !kept.has(parent) && !seen.has(parent)) {
    seen.add(parent)
    parent = parents.get(parent)
  }
  if (parent !== undefined && kept.has(parent))
    return { target: urn('comment', parent), reply: true }
  if (comment.annotationId !== undefined) {
    return { target: urn('annotation', comment.annotationId), reply: true }
  }
  return { target: paperIri(paper), reply: false }
}

/** The comments kept of a paper, each aimed at what it answers (see the module's comment). */
function commentItems(
  paper: Paper,
  comments: Comment[],
  parents: ReadonlyMap<string, string | undefined>,
  creator: (memberId: string) => WebAnnotation['creator'],
): WebAnnotation[] {
  const kept = new Set(comments.map((comment) => comment.id))
  return comments.map((comment) => {
    const { target, reply } = answered(comment, kept, parents, paper)
    return {
      id: urn('comment', comment.id),
      type: 'Annotation',
      motivation: reply ? 'replying' : 'commenting',
      created: time(comment.created),
      ...(comment.edited !== undefined ? { modified: time(comment.edited) } : {}),
      creator: creator(comment.author),
      body: {
        type: 'TextualBody',
        value: comment.body,
        format: 'text/markdown',
        purpose: reply ? 'replying' : 'commenting',
      },
      target,
    }
  })
}
