import type * as Y from 'yjs'
import { fromHexString, toBase64UrlEncoded } from 'lib0/buffer'
import {
  getPaper,
  listAnnotations,
  listComments,
  listMembers,
  readGroup,
  type Annotation,
  type Comment,
  type Paper,
} from '../model'
import { pdfOf } from '../model/pdfs'
import { arxivAbsUrl } from '../arxiv-id'

/**
 * A group's annotations and threads in the W3C Web Annotation Data Model, as JSON-LD
 * (https://www.w3.org/TR/annotation-model/): the format Hypothesis exports and other annotation
 * tools read. Built by hand from the model, since it is a plain JSON shape with no library to
 * build it that would save more than it costs; `test/unit/export-web-annotation.test.ts` checks
 * it against the model's requirements.
 *
 * - Each annotation is an `Annotation`, motivated `commenting` with its note as a Markdown
 *   `TextualBody`, or `highlighting` when bare. Its target is the paper (its arXiv or DOI page)
 *   with a `TextQuoteSelector` and a `TextPositionSelector` over the abstract's text, or, on a
 *   PDF page, the PDF (named by its SHA-256, RFC 6920 `ni:` URI) with a `FragmentSelector`
 *   `page=n` (RFC 8118) refined by the same two selectors over that page's text.
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

/** The annotations and threads of `options.paperIds` in the group `doc`. */
export function webAnnotationsOf(
  doc: Y.Doc,
  options: WebAnnotationExport,
): WebAnnotationCollection {
  const names = new Map(listMembers(doc).map((member) => [member.id, member.name]))
  const creator = (memberId: string): WebAnnotation['creator'] => {
    const name = names.get(memberId)
    return { id: `urn:margins:member:${memberId}`, type: 'Person', ...(name ? { name } : {}) }
  }
  const items: WebAnnotation[] = []
  for (const paperId of options.paperIds) {
    const paper = getPaper(doc, paperId)
    if (!paper) continue
    const annotations = listAnnotations(doc, paper.id)
    for (const annotation of annotations) {
      items.push(annotationItem(doc, paper, annotation, creator(annotation.author)))
    }
    const live = new Set(annotations.map((annotation) => annotation.id))
    items.push(...commentItems(paper, listComments(doc, paper.id), live, creator))
  }
  const id = `urn:margins:group:${options.groupId}:annotations`
  const name = readGroup(doc)?.name ?? 'Reading group'
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'AnnotationCollection',
    label: `${name}: annotations and threads`,
    generated: options.generated.toISOString(),
    generator: { id: 'urn:margins', type: 'Software', name: 'Margins' },
    total: items.length,
    ...(items.length > 0
      ? { first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items } }
      : {}),
  }
}

/** The web page of a paper: its arXiv abstract page, its DOI, its link, else a URN of its id. */
export function paperIri(paper: Paper): string {
  if (paper.arxivId) return arxivAbsUrl(paper.arxivId)
  if (paper.doi) return `https://doi.org/${paper.doi}`
  if (paper.links.abstract && /^https?:\/\//.test(paper.links.abstract)) return paper.links.abstract
  return `urn:margins:paper:${encodeURIComponent(paper.id)}`
}

/** RFC 6920's name of a file by its SHA-256 (64 hex digits): `ni:///sha-256;<base64url>`. */
export function sha256Iri(hex: string): string {
  // lib0's base64url has no padding, as RFC 6920 wants.
  return `ni:///sha-256;${toBase64UrlEncoded(fromHexString(hex))}`
}

const time = (epochMs: number) => new Date(epochMs).toISOString()

function textSelectors(target: Annotation['target']): TextSelector[] {
  const { exact, prefix, suffix } = target.quote
  return [
    {
      type: 'TextQuoteSelector',
      exact,
      ...(prefix ? { prefix } : {}),
      ...(suffix ? { suffix } : {}),
    },
    { type: 'TextPositionSelector', start: target.position.start, end: target.position.end },
  ]
}

function targetOf(doc: Y.Doc, paper: Paper, annotation: Annotation): WebAnnotationTarget {
  const { target } = annotation
  const selectors = textSelectors(target)
  if (target.page === undefined) return { source: paperIri(paper), selector: selectors }
  const sha256 = target.pdf ?? pdfOf(doc, paper.id)?.sha256
  const pdfLink = paper.links.pdf && /^https?:\/\//.test(paper.links.pdf) ? paper.links.pdf : ''
  const source = sha256 ? sha256Iri(sha256) : pdfLink || paperIri(paper)
  return {
    source,
    scope: paperIri(paper),
    // Alternatives (the model's reading of several selectors): the page, then either of the
    // two ways of finding the passage on it.
    selector: selectors.map((refinedBy) => ({
      type: 'FragmentSelector',
      conformsTo: PDF_FRAGMENT,
      value: `page=${target.page}`,
      refinedBy,
    })),
  }
}

function annotationItem(
  doc: Y.Doc,
  paper: Paper,
  annotation: Annotation,
  creator: WebAnnotation['creator'],
): WebAnnotation {
  const note = annotation.note.trim() !== ''
  return {
    id: `urn:margins:annotation:${annotation.id}`,
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
    target: targetOf(doc, paper, annotation),
  }
}

/** The live comments of a paper, each aimed at what it answers (see the module's comment). */
function commentItems(
  paper: Paper,
  comments: Comment[],
  liveAnnotations: ReadonlySet<string>,
  creator: (memberId: string) => WebAnnotation['creator'],
): WebAnnotation[] {
  const byId = new Map(comments.map((comment) => [comment.id, comment]))
  /** What `comment` answers: its nearest live parent, else its annotation, else the paper. */
  const answered = (comment: Comment): { target: string; reply: boolean } => {
    const seen = new Set<string>()
    let parent = comment.parentId === undefined ? undefined : byId.get(comment.parentId)
    while (parent?.deleted && !seen.has(parent.id)) {
      seen.add(parent.id)
      parent = parent.parentId === undefined ? undefined : byId.get(parent.parentId)
    }
    if (parent && !parent.deleted)
      return { target: `urn:margins:comment:${parent.id}`, reply: true }
    if (comment.annotationId !== undefined) {
      return { target: `urn:margins:annotation:${comment.annotationId}`, reply: true }
    }
    return { target: paperIri(paper), reply: false }
  }
  return comments
    .filter(
      (comment) =>
        !comment.deleted &&
        (comment.annotationId === undefined || liveAnnotations.has(comment.annotationId)),
    )
    .map((comment) => {
      const { target, reply } = answered(comment)
      return {
        id: `urn:margins:comment:${comment.id}`,
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
