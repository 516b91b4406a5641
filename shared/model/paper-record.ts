/** Validation of paper input and the defensive reading of stored paper records. */
import { arxivAbsUrl, arxivPdfUrl, normalizeArxivId } from '../arxiv-id'
import { ValidationError } from './errors'
import * as v from './validate'
import { asTime } from './time'
import { PAPER_SOURCES, type Paper, type PaperInput, type PaperLinks } from './types'

/** A paper as stored: everything but its id, which is the key. */
export type PaperRecord = Omit<Paper, 'id'>

/** Validated paper fields; `title` is absent for a paper known only by its arXiv id. */
export interface PaperFields extends Omit<PaperInput, 'title' | 'authors' | 'abstract' | 'links'> {
  title: string | undefined
  authors: string[]
  abstract: string
  links: PaperLinks
}

const DOI = /^10\.\d{4,9}\/\S+$/

/** Checks and cleans one paper input; `at` prefixes field names in errors (`inputs[3].`). */
export function paperFields(input: PaperInput, at = ''): PaperFields {
  const fields = v.record(`${at}input`, input)
  if (!PAPER_SOURCES.includes(fields.source as never)) {
    throw new ValidationError(
      `${at}source`,
      `${at}source must be one of ${PAPER_SOURCES.join(', ')}`,
    )
  }
  let arxivId: string | undefined
  if (fields.arxivId !== undefined) {
    arxivId = typeof fields.arxivId === 'string' ? normalizeArxivId(fields.arxivId) : undefined
    if (!arxivId) throw new ValidationError(`${at}arxivId`, `${at}arxivId is not an arXiv id`)
  }
  const title = v.optionalText(`${at}title`, fields.title, { max: v.LIMITS.title })
  if (!title && !arxivId) {
    throw new ValidationError(`${at}title`, 'A paper needs a title or an arXiv id')
  }
  if (fields.authors !== undefined && !Array.isArray(fields.authors)) {
    throw new ValidationError(`${at}authors`, `${at}authors must be a list of names`)
  }
  const authors = ((fields.authors as unknown[] | undefined) ?? []).map((name, i) =>
    v.text(`${at}authors[${i}]`, name, { max: v.LIMITS.author }),
  )
  if (authors.length > v.LIMITS.authors) {
    throw new ValidationError(
      `${at}authors`,
      `${at}authors lists more than ${v.LIMITS.authors} names`,
    )
  }
  const abstract =
    v.optionalText(`${at}abstract`, fields.abstract, { max: v.LIMITS.abstract, multiline: true }) ??
    ''
  const doi = v.optionalText(`${at}doi`, fields.doi, { max: 300 })
  if (doi !== undefined && !DOI.test(doi)) {
    throw new ValidationError(`${at}doi`, `${at}doi must look like 10.1234/abc`)
  }
  const links = v.record(`${at}links`, fields.links ?? {})
  const published =
    fields.published === undefined ? undefined : v.isoDate(`${at}published`, fields.published)
  return {
    title,
    authors,
    abstract,
    arxivId,
    doi,
    links: {
      abstract:
        links.abstract === undefined
          ? arxivId && arxivAbsUrl(arxivId)
          : v.url(`${at}links.abstract`, links.abstract),
      pdf:
        links.pdf === undefined
          ? arxivId && arxivPdfUrl(arxivId)
          : v.url(`${at}links.pdf`, links.pdf),
    },
    published,
    source: fields.source as PaperInput['source'],
  }
}

/** The record a new paper is stored as. */
export function newPaperRecord(fields: PaperFields, addedBy: string, addedAt: number): PaperRecord {
  return compact({
    ...fields,
    title: fields.title ?? `arXiv:${fields.arxivId}`,
    addedBy,
    addedAt,
    needsMetadata: fields.title === undefined,
  })
}

/**
 * `record` with what it lacks taken from `fields`. Never overwrites a value that is there:
 * a member's or an importer's earlier text is kept.
 */
export function withMissing(record: PaperRecord, fields: PaperFields): PaperRecord {
  const fillTitle = record.needsMetadata && fields.title !== undefined
  return compact({
    ...record,
    title: fillTitle ? (fields.title as string) : record.title,
    needsMetadata: record.needsMetadata && !fillTitle,
    authors: record.authors.length > 0 ? record.authors : fields.authors,
    abstract: record.abstract || fields.abstract,
    arxivId: record.arxivId ?? fields.arxivId,
    doi: record.doi ?? fields.doi,
    published: record.published ?? fields.published,
    links: {
      abstract: record.links.abstract ?? fields.links.abstract,
      pdf: record.links.pdf ?? fields.links.pdf,
    },
  })
}

// Yjs encodes undefined object fields as absent only in some paths; drop them so that equal
// papers encode equally on every replica.
function compact(record: PaperRecord): PaperRecord {
  const links: PaperLinks = {}
  if (record.links.abstract !== undefined) links.abstract = record.links.abstract
  if (record.links.pdf !== undefined) links.pdf = record.links.pdf
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value
  return { ...(out as unknown as PaperRecord), links }
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')
const isHttp = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\//i.test(value)

/**
 * A stored value as a Paper, or undefined when it is not a well-formed paper record. Built field
 * by field from the record's own properties, so a reader never hands out (or lets a caller
 * change) the objects Yjs holds, and a crafted record cannot pass on inherited fields.
 */
export function asPaper(id: string, value: unknown): Paper | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const own = (key: string): unknown =>
    Object.prototype.hasOwnProperty.call(value, key)
      ? (value as Record<string, unknown>)[key]
      : undefined
  const [title, authors, abstract, source, addedBy, addedAt, needsMetadata, links] = [
    own('title'),
    own('authors'),
    own('abstract'),
    own('source'),
    own('addedBy'),
    own('addedAt'),
    own('needsMetadata'),
    own('links'),
  ]
  const ok =
    typeof title === 'string' &&
    isStrings(authors) &&
    typeof abstract === 'string' &&
    PAPER_SOURCES.includes(source as never) &&
    typeof addedBy === 'string' &&
    typeof addedAt === 'number' &&
    typeof needsMetadata === 'boolean' &&
    typeof links === 'object' &&
    links !== null
  if (!ok) return undefined
  const paper: Paper = {
    id,
    title,
    authors: authors.slice(),
    abstract,
    // Another member's replica may hold anything: only http(s) links ever reach a page.
    links: {},
    source: source as Paper['source'],
    addedBy,
    addedAt: asTime(addedAt) ?? 0,
    needsMetadata,
  }
  const { abstract: absLink, pdf } = links as Record<string, unknown>
  if (isHttp(absLink)) paper.links.abstract = absLink
  if (isHttp(pdf)) paper.links.pdf = pdf
  for (const key of ['arxivId', 'doi', 'published'] as const) {
    const field = own(key)
    if (typeof field === 'string') paper[key] = field
  }
  return paper
}
