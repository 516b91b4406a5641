/**
 * What an import would do, worked out before anything is written, so that the import dialog can
 * show it: which papers are new, which the library already has, which appear twice in what was
 * pasted. It uses the model's own duplicate rule (`createPaperMatcher`, shared with
 * `importPapers`), so the preview and the import never disagree.
 */
import { ModelError } from './errors'
import { newPaperRecord, paperFields } from './paper-record'
import { paperIdFor } from './paper-id'
import { MAX_IMPORT, createPaperMatcher, type DuplicateReason } from './papers'
import type { Paper, PaperInput } from './types'

/** What importing one input would do. */
export type PreviewStatus = 'new' | 'in-library' | 'repeated' | 'invalid'

/** One input as the preview shows it. */
export interface PreviewRow {
  /** Position of the input in the list previewed. */
  index: number
  input: PaperInput
  status: PreviewStatus
  /** The id of the paper the input is or becomes (of the earlier one for a repeat). */
  paperId: string | undefined
  /** The title, or `arXiv:<id>` for a paper known only by its arXiv id. */
  title: string
  authors: string[]
  arxivId: string | undefined
  /** True for a paper known only by its arXiv id: its details are filled in later. */
  needsMetadata: boolean
  /** For `in-library`: the paper of the library it is, and why. */
  existing?: { id: string; title: string; reason: DuplicateReason }
  /** For `repeated`: the index of the earlier input it repeats. */
  repeatOf?: number
  /** For `invalid`: the model's reason. */
  problem?: string
}

/** The preview of one import. */
export interface ImportPreview {
  rows: PreviewRow[]
  counts: Record<PreviewStatus, number>
}

/**
 * The preview of importing `inputs` into a library holding `library`: the papers in the order
 * `listPapers` (or `readLibrary`) gives them. Pure: reads nothing else and writes nothing.
 */
export function previewImport(
  library: Iterable<Paper>,
  inputs: readonly PaperInput[],
): ImportPreview {
  const known = createPaperMatcher(library)
  const libraryTitles = new Map<string, string>()
  for (const paper of library) libraryTitles.set(paper.id, paper.title)
  const addedAt = new Map<string, number>()
  const counts: Record<PreviewStatus, number> = { new: 0, 'in-library': 0, repeated: 0, invalid: 0 }
  const rows = inputs.map((input, index): PreviewRow => {
    let fields: ReturnType<typeof paperFields>
    try {
      fields = paperFields(input)
    } catch (error) {
      if (!(error instanceof ModelError)) throw error
      counts.invalid += 1
      const row = { ...shown(input), index, input, paperId: undefined }
      return { ...row, status: 'invalid', problem: error.message }
    }
    const row = {
      index,
      input,
      title: fields.title ?? `arXiv:${fields.arxivId}`,
      authors: fields.authors,
      arxivId: fields.arxivId,
      needsMetadata: fields.title === undefined,
    }
    const match = known.match(fields)
    if (!match) {
      const id = paperIdFor(fields.arxivId, fields.title ?? '')
      known.add(id, newPaperRecord(fields, '', 0))
      addedAt.set(id, index)
      counts.new += 1
      return { ...row, status: 'new', paperId: id }
    }
    // As importPapers does: what a duplicate brings fills in what is known, for later matches.
    known.fill(match.id, fields)
    const repeatOf = addedAt.get(match.id)
    if (repeatOf !== undefined) {
      counts.repeated += 1
      return { ...row, status: 'repeated', paperId: match.id, repeatOf }
    }
    counts['in-library'] += 1
    const title = libraryTitles.get(match.id) ?? row.title
    const existing = { id: match.id, title, reason: match.reason }
    return { ...row, status: 'in-library', paperId: match.id, existing }
  })
  return { rows, counts }
}

/** How to show an input the model refuses: only its string values, defensively. */
function shown(
  input: PaperInput,
): Pick<PreviewRow, 'title' | 'authors' | 'arxivId' | 'needsMetadata'> {
  const title = typeof input.title === 'string' && input.title.trim() ? input.title : undefined
  const arxivId = typeof input.arxivId === 'string' ? input.arxivId : undefined
  const authors = Array.isArray(input.authors)
    ? input.authors.filter((name): name is string => typeof name === 'string')
    : []
  return {
    title: title ?? (arxivId ? `arXiv:${arxivId}` : 'Untitled'),
    authors,
    arxivId,
    needsMetadata: title === undefined,
  }
}

/**
 * The inputs to pass to `importPapers` when the member has unticked the new papers at the
 * indexes in `unticked`: the new papers still ticked, their repeats (which may carry details the
 * first lacked), and the papers already in the library (they only fill in what the library's
 * copy lacks, never overwrite it). Invalid inputs are left out.
 */
export function chosenInputs(preview: ImportPreview, unticked: ReadonlySet<number>): PaperInput[] {
  return preview.rows
    .filter((row) => {
      if (row.status === 'new') return !unticked.has(row.index)
      if (row.status === 'repeated') return !unticked.has(row.repeatOf as number)
      return row.status === 'in-library'
    })
    .map((row) => row.input)
}

/**
 * `inputs` cut into lists of at most `size` (the model's limit per import, {@link MAX_IMPORT}),
 * in order: a larger paste is imported as several imports, one transaction each.
 */
export function importBatches<T>(inputs: readonly T[], size = MAX_IMPORT): T[][] {
  const batches: T[][] = []
  for (let start = 0; start < inputs.length; start += size) {
    batches.push(inputs.slice(start, start + size))
  }
  return batches
}
