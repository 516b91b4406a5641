/**
 * The last step of every importer: each paper is made one the model accepts. The model's
 * `importPapers` refuses a whole import for one bad input, so an importer that passed on a
 * malformed date or an overlong title would cost the user the whole file. Here such a value
 * costs only itself, and a paper that cannot be saved at all costs only that paper.
 */
import { ValidationError } from '../model/errors'
import { paperFields } from '../model/paper-record'
import type { PaperInput, PaperLinks } from '../model/types'
import { LIMITS } from '../model/validate'
import { skippedItem, type ImportResult, type SkippedItem } from './import-result'

/** A paper as an importer read it, with where it was in the input (for the report). */
export interface LocatedPaper {
  at: string
  paper: PaperInput
}

/** What an importer has read before it is finished. */
export interface DraftResult {
  papers: LocatedPaper[]
  skipped: SkippedItem[]
}

/**
 * The papers of `draft` that the model accepts, cleaned, and the rest added to `skipped`.
 *
 * First every text value is cleaned: control characters other than tab and newline become
 * spaces, unpaired UTF-16 surrogates become U+FFFD, a `doi:` or `https://doi.org/` prefix comes
 * off a DOI, and a link written as `www.…` gets `https://`. Then the model's own check
 * (`paperFields`) runs; a value it refuses is dropped when it is optional (the date, the DOI, a
 * link, one author name) and the check runs again. An abstract over the limit is shortened, and
 * an author list over the limit keeps its first names. When what is refused is the title (too
 * long, or none and no arXiv id either), the paper is skipped with the model's message as the
 * reason. Dropped values are not reported: the paper itself is there.
 */
export function finishPapers(draft: DraftResult): ImportResult {
  const result: ImportResult = { papers: [], skipped: [...draft.skipped] }
  for (const { at, paper } of draft.papers) {
    const clean = cleanPaper(paper)
    const finished = acceptedPaper(clean)
    if (finished instanceof ValidationError) {
      result.skipped.push(skippedItem(at, clean.title ?? clean.arxivId ?? '', finished.message))
    } else {
      result.papers.push(finished)
    }
  }
  return result
}

/** The paper with refused optional values dropped, or the error that refuses it whole. */
function acceptedPaper(input: PaperInput): PaperInput | ValidationError {
  let paper = input
  // Every repair removes or shortens a value the check stops at, and there are few of them.
  for (let attempt = 0; attempt < 12; attempt++) {
    let error: ValidationError
    try {
      paperFields(paper)
      return paper
    } catch (thrown) {
      error =
        thrown instanceof ValidationError ? thrown : new ValidationError('input', String(thrown))
    }
    const repaired = withoutFault(paper, error.field ?? '')
    if (!repaired) return error
    paper = repaired
  }
  return new ValidationError('input', 'too many values the library does not accept')
}

/** The paper without the value `field` names, or undefined when that value is required. */
function withoutFault(paper: PaperInput, field: string): PaperInput | undefined {
  const { authors, abstract, links } = paper
  const author = /^authors\[(\d+)\]$/.exec(field)
  // One check per name, not one check of the whole list per bad name: a list may be long.
  if (author && authors) return { ...paper, authors: authors.filter(isAcceptedName) }
  switch (field) {
    case 'authors':
      return Array.isArray(authors) && authors.length > LIMITS.authors
        ? { ...paper, authors: authors.slice(0, LIMITS.authors) }
        : omit(paper, 'authors')
    case 'abstract':
      return typeof abstract === 'string' && abstract.length > LIMITS.abstract
        ? { ...paper, abstract: shortened(abstract, LIMITS.abstract) }
        : omit(paper, 'abstract')
    case 'links.abstract':
    case 'links.pdf':
      return {
        ...paper,
        links: omit(links ?? {}, field.slice('links.'.length) as keyof PaperLinks),
      }
    case 'arxivId':
    case 'doi':
    case 'links':
    case 'published':
      return omit(paper, field)
    default:
      return undefined
  }
}

function isAcceptedName(name: string): boolean {
  try {
    paperFields({ title: 'name check', authors: [name], source: 'manual' })
    return true
  } catch {
    return false
  }
}

function omit<T extends object>(value: T, key: keyof T): T {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as T
}

/** At most `max` code units, cut at a space when one is near, ending in an ellipsis. */
function shortened(text: string, max: number): string {
  let end = max - 1
  const space = text.lastIndexOf(' ', end)
  if (space > end - 200) end = space
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--
  return `${text.slice(0, end).trimEnd()}…`
}

/** Control characters but tab, newline and carriage return (which the model reads as newline). */
const CONTROL = /[^\P{Cc}\t\n\r]/gu
/** In a `u` regex a surrogate matches only when it is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/gu
const DOI_PREFIX = /^(?:doi:\s*|https?:\/\/(?:dx\.|www\.)?doi\.org\/)/i

function cleanText(value: string): string {
  return value.replace(CONTROL, ' ').replace(LONE_SURROGATE, '\uFFFD')
}

function cleanLink(value: string): string {
  const link = cleanText(value).trim()
  return /^www\./i.test(link) ? `https://${link}` : link
}

function cleanPaper(input: PaperInput): PaperInput {
  const paper: PaperInput = { ...input }
  if (typeof paper.title === 'string') paper.title = cleanText(paper.title)
  if (typeof paper.abstract === 'string') paper.abstract = cleanText(paper.abstract)
  if (Array.isArray(paper.authors)) {
    paper.authors = paper.authors.map((name) => (typeof name === 'string' ? cleanText(name) : name))
  }
  if (typeof paper.doi === 'string') paper.doi = cleanText(paper.doi).trim().replace(DOI_PREFIX, '')
  if (typeof paper.published === 'string') paper.published = cleanText(paper.published)
  if (paper.links) {
    const links: PaperLinks = { ...paper.links }
    if (typeof links.abstract === 'string') links.abstract = cleanLink(links.abstract)
    if (typeof links.pdf === 'string') links.pdf = cleanLink(links.pdf)
    paper.links = links
  }
  return paper
}
