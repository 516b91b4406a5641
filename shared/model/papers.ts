/** The group's library: adding papers (deduplicated), completing their metadata, reading them. */
import type * as Y from 'yjs'
import { roots } from './keys'
import { NotFoundError, ValidationError } from './errors'
import { writer } from './members'
import { normalizeTitle, paperIdFor } from './paper-id'
import {
  newPaperRecord,
  paperFields,
  withMissing,
  type PaperFields,
  type PaperRecord,
} from './paper-record'
import { forgetPaperClasses, paperClasses } from './same-paper'
import * as v from './validate'
import type { Actor, Paper, PaperInput } from './types'

/** Why an input was recognized as a paper the group already has. */
export type DuplicateReason = 'arxiv-id' | 'title'

/** What an import did with each input. */
export interface ImportOutcome {
  /** Papers that are new to the group. */
  added: Paper[]
  /** Inputs the group already had (or that repeated an earlier input of the same import). */
  duplicates: Array<{ input: PaperInput; existingId: string; reason: DuplicateReason }>
  /** Ids of existing papers whose missing fields a duplicate filled in (e.g. an abstract). */
  enriched: string[]
}

/** Most papers an import may hold. */
export const MAX_IMPORT = 5_000

/**
 * One paper, or undefined. An id of a record that is the same paper as another (see
 * same-paper.ts) gives that paper, under its canonical id.
 */
export function getPaper(doc: Y.Doc, paperId: string): Paper | undefined {
  const classes = paperClasses(doc)
  const root = classes.canonical.get(paperId)
  const paper = root === undefined ? undefined : classes.folded.get(root)
  return paper && { ...paper, authors: paper.authors.slice(), links: { ...paper.links } }
}

/** Throws NotFoundError unless the paper exists. */
export function requirePaper(doc: Y.Doc, paperId: unknown, field = 'paperId'): Paper {
  const id = v.paperRef(field, paperId)
  const paper = getPaper(doc, id)
  if (!paper) throw new NotFoundError('paper', id, field)
  return paper
}

/** Every paper (one per class of records that are the same paper), newest first. */
export function listPapers(doc: Y.Doc): Paper[] {
  return [...paperClasses(doc).folded.values()]
    .map((paper) => ({ ...paper, authors: paper.authors.slice(), links: { ...paper.links } }))
    .sort((a, b) => b.addedAt - a.addedAt || a.id.localeCompare(b.id))
}

/** Which known paper an input is, and why. */
export interface PaperMatch {
  id: string
  reason: DuplicateReason
}

/**
 * The model's rule for "the group already has this paper", over a set of known papers that
 * grows as an import goes: the same arXiv id (any version), or the same normalized title unless
 * both sides carry different arXiv ids. `importPapers` and the import preview both use it, so
 * what the preview flags as a duplicate is what the import will treat as one.
 */
export interface PaperMatcher {
  /** The known paper `fields` is, or undefined when it is a new one. */
  match(fields: PaperFields): PaperMatch | undefined
  /** Makes a paper known, or updates what is known of it (after it was filled in). */
  add(id: string, record: PaperRecord): void
  get(id: string): PaperRecord | undefined
  /**
   * Fills in what the known paper `id` lacks from `fields` (a duplicate's details) and returns
   * its new record, or undefined when `fields` brought nothing new.
   */
  fill(id: string, fields: PaperFields): PaperRecord | undefined
}

/**
 * A {@link PaperMatcher} that knows `papers`, in the order `listPapers` gives them (among papers
 * that share a title, the order decides which one a title-only input is taken for).
 */
export function createPaperMatcher(papers: Iterable<Paper>): PaperMatcher {
  const records = new Map<string, PaperRecord>()
  const byArxiv = new Map<string, string>()
  const byTitle = new Map<string, string>()
  const add = (id: string, record: PaperRecord) => {
    records.set(id, record)
    if (record.arxivId) byArxiv.set(record.arxivId, id)
    if (!record.needsMetadata) byTitle.set(normalizeTitle(record.title), id)
  }
  for (const { id, ...record } of papers) add(id, record)
  const match = (fields: PaperFields): PaperMatch | undefined => {
    const id = paperIdFor(fields.arxivId, fields.title ?? '')
    const arxivMatch = fields.arxivId
      ? (byArxiv.get(fields.arxivId) ?? (records.has(id) ? id : undefined))
      : undefined
    if (arxivMatch) return { id: arxivMatch, reason: 'arxiv-id' }
    const titleMatch = fields.title ? byTitle.get(normalizeTitle(fields.title)) : undefined
    // A shared title is not the same paper when both sides carry different arXiv ids.
    if (!titleMatch || (fields.arxivId && records.get(titleMatch)?.arxivId)) return undefined
    return { id: titleMatch, reason: 'title' }
  }
  const fill = (id: string, fields: PaperFields): PaperRecord | undefined => {
    const before = records.get(id) as PaperRecord
    const after = withMissing(before, fields)
    if (JSON.stringify(after) === JSON.stringify(before)) return undefined
    add(id, after)
    return after
  }
  return { match, add, get: (id) => records.get(id), fill }
}

/**
 * Adds papers to the library in one transaction. The same arXiv id (any version) or the same
 * normalized title is one paper: such inputs are reported as duplicates, and fill in whatever the
 * existing paper lacks. Every input is validated first; one bad input throws and adds nothing.
 */
export function importPapers(
  doc: Y.Doc,
  actor: Actor,
  inputs: readonly PaperInput[],
): ImportOutcome {
  const by = writer(doc, actor)
  if (!Array.isArray(inputs)) throw new ValidationError('inputs', 'inputs must be a list of papers')
  if (inputs.length > MAX_IMPORT) {
    throw new ValidationError('inputs', `An import may hold at most ${MAX_IMPORT} papers`)
  }
  const validated = inputs.map((input, i) => paperFields(input, `inputs[${i}].`))

  const known = createPaperMatcher(listPapers(doc))
  const outcome: ImportOutcome = { added: [], duplicates: [], enriched: [] }
  const writes = new Map<string, PaperRecord>()
  validated.forEach((fields, i) => {
    const input = inputs[i] as PaperInput
    const match = known.match(fields)
    if (match) {
      const existingId = match.id
      outcome.duplicates.push({ input, existingId, reason: match.reason })
      const after = known.fill(existingId, fields)
      if (after) {
        writes.set(existingId, after)
        if (!outcome.enriched.includes(existingId)) outcome.enriched.push(existingId)
      }
      return
    }
    // The library lists newest first; stamping each paper of an import a millisecond before the
    // previous one keeps the input's order there (a trending page's rank, a BibTeX file's order).
    const id = paperIdFor(fields.arxivId, fields.title ?? '')
    const record = newPaperRecord(fields, by.memberId, by.now - outcome.added.length)
    known.add(id, record)
    writes.set(id, record)
    outcome.added.push({ ...record, id })
  })
  outcome.enriched = outcome.enriched.filter((id) => !outcome.added.some((p) => p.id === id))
  if (writes.size > 0) {
    doc.transact(() => {
      const { papers } = roots(doc)
      for (const [id, record] of writes) papers.set(id, record)
      forgetPaperClasses(doc)
    })
  }
  // Read back: papers added here may have been enriched by a later input of the same import,
  // and what a caller gets must not alias what is stored.
  outcome.added = outcome.added.map((paper) => getPaper(doc, paper.id) as Paper)
  return outcome
}

/** Adds one paper; when the group already has it, says which paper it is. */
export function addPaper(
  doc: Y.Doc,
  actor: Actor,
  input: PaperInput,
): { paper: Paper; duplicateOf: string | undefined } {
  paperFields(input) // so that errors name the field itself, not `inputs[0].`
  const outcome = importPapers(doc, actor, [input])
  const duplicate = outcome.duplicates[0]
  if (duplicate) {
    return {
      paper: getPaper(doc, duplicate.existingId) as Paper,
      duplicateOf: duplicate.existingId,
    }
  }
  return { paper: outcome.added[0] as Paper, duplicateOf: undefined }
}

/**
 * Fills in what a paper lacks from fetched metadata (a paper added offline by its arXiv id gets
 * its title, authors and abstract). Values already there are kept.
 */
export function completePaper(doc: Y.Doc, actor: Actor, paperId: string, input: PaperInput): Paper {
  writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const fields = paperFields(input)
  if (fields.arxivId && paper.arxivId && fields.arxivId !== paper.arxivId) {
    throw new ValidationError(
      'arxivId',
      `This metadata is for arXiv:${fields.arxivId}, not ${paper.arxivId}`,
    )
  }
  const { id, ...before } = paper
  const after = withMissing(before, fields)
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    doc.transact(() => {
      roots(doc).papers.set(id, after)
      forgetPaperClasses(doc)
    })
  }
  return getPaper(doc, id) as Paper
}
