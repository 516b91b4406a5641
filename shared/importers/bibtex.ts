/** BibTeX and BibLaTeX files, as exported by reference managers, Google Scholar and arXiv. */
import type { RawBibtexEntry } from '@citation-js/plugin-bibtex/lib/input/file.js'
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from '../arxiv-id'
import { ValidationError } from '../model/errors'
import type { PaperInput, PaperLinks } from '../model/types'
import { importArxivIds } from './arxiv-ids'
import { bibtexPieces, hasBibtexEntries } from './bibtex-entries'
import { decodeBibtexNames } from './bibtex-names'
import { finishPapers, type DraftResult } from './finish-papers'
import { collapseWhitespace, skippedItem, withoutBom, type ImportResult } from './import-result'
import { decodeLatex, decodeLatexEscapes } from './latex'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * Reads a BibTeX file into papers with source `bibtex`.
 *
 * Every entry type is read (`@article`, `@misc`, `@inproceedings`, and also `@book`,
 * `@techreport`, `@online`…: a reading group reads what it likes); an entry with neither a title
 * nor an arXiv id is skipped, and so is a malformed one, which costs only itself.
 *
 * Mapping: `title` and `abstract` are LaTeX-decoded ({@link decodeLatex}: accents to Unicode,
 * case-protecting braces dropped, unknown macros kept); a value that is not readable LaTeX (an
 * unclosed `$`) is kept as written, escapes decoded. `author` is split on `and`
 * ({@link decodeBibtexNames}: `{Last}, First`, particles, braced corporate names); an unreadable
 * author list skips the entry. The arXiv id comes from `eprint` when `archivePrefix` or
 * `eprinttype` is arXiv (or absent and `eprint` is shaped like an arXiv id), else from an arXiv
 * link or `arXiv:` id in `url`, `journal`, `note` or `howpublished`, else from an arXiv DOI
 * (`10.48550/arXiv.2401.12345`). `doi` is kept without a `https://doi.org/` prefix. `url` is the
 * abstract link (the PDF link when it ends in `.pdf`), arXiv's links filling what is missing.
 * `date`, or `year` and `month`, gives `published` (`2024` or `2024-03`).
 *
 * Throws {@link ValidationError} when the text holds no `@type{` entry at all (and is not blank).
 */
export function importBibtex(input: string): ImportResult {
  const text = withoutBom(input)
  if (text.trim() !== '' && !hasBibtexEntries(text)) {
    throw new ValidationError('text', 'This is not BibTeX: no entry such as @article{key, …} found')
  }
  const result: DraftResult = { papers: [], skipped: [] }
  for (const piece of bibtexPieces(text)) {
    if (piece.kind === 'error') {
      const at = piece.key ? `${piece.key} (line ${piece.line})` : `line ${piece.line}`
      result.skipped.push(skippedItem(at, piece.text, piece.reason))
      continue
    }
    const at = `${piece.entry.label} (line ${piece.line})`
    const read = readEntry(piece.entry)
    if (typeof read === 'string') result.skipped.push(skippedItem(at, excerptOf(piece.entry), read))
    else result.papers.push({ at, paper: read })
  }
  return finishPapers(result)
}

/** The paper in an entry, or why there is none. */
function readEntry(entry: RawBibtexEntry): PaperInput | string {
  const field = (name: string): string => {
    const value = entry.properties[name]
    return value === undefined ? '' : String(value).trim()
  }
  let authors: string[]
  try {
    authors = field('author') ? decodeBibtexNames(field('author')) : []
  } catch {
    return 'author: the name list is not readable BibTeX'
  }
  const title = text(field('title'))
  const arxivId = arxivIdOf(field)
  if (!title && !arxivId) return `no title and no arXiv id (@${entry.type})`

  const paper: PaperInput = { authors, source: 'bibtex' }
  if (title) paper.title = title
  const abstract = text(field('abstract'))
  if (abstract) paper.abstract = abstract
  if (arxivId) paper.arxivId = arxivId
  const doi = field('doi')
  if (doi) paper.doi = doi
  const links = linksOf(field('url'), arxivId)
  if (links.abstract || links.pdf) paper.links = links
  const published = publishedOf(field)
  if (published) paper.published = published
  return paper
}

function text(value: string): string {
  if (!value) return ''
  try {
    return collapseWhitespace(decodeLatex(value))
  } catch {
    return collapseWhitespace(decodeLatexEscapes(value))
  }
}

function arxivIdOf(field: (name: string) => string): string | undefined {
  const archive = (field('archiveprefix') || field('eprinttype')).toLowerCase()
  const eprint = field('eprint')
  if (eprint && (archive === 'arxiv' || archive === '')) {
    const id = parseArxivId(eprint)?.id
    if (id) return id
  }
  for (const name of ['url', 'journal', 'note', 'howpublished']) {
    const found = importArxivIds(field(name)).papers[0]?.arxivId
    if (found) return found
  }
  const fromDoi = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(.+)$/i.exec(
    field('doi'),
  )
  return fromDoi?.[1] ? parseArxivId(fromDoi[1])?.id : undefined
}

function linksOf(url: string, arxivId: string | undefined): PaperLinks {
  const links: PaperLinks = {}
  if (url && /\.pdf$/i.test(url)) links.pdf = url
  else if (url) links.abstract = url
  if (arxivId) {
    links.abstract ??= arxivAbsUrl(arxivId)
    links.pdf ??= arxivPdfUrl(arxivId)
  }
  return links
}

function publishedOf(field: (name: string) => string): string | undefined {
  const date = field('date')
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return date
  const year = /^\d{4}$/.exec(field('year'))?.[0]
  if (!year) return undefined
  const month = field('month').toLowerCase()
  const number = /^\d{1,2}$/.test(month) ? Number(month) : MONTHS.indexOf(month.slice(0, 3)) + 1
  return number >= 1 && number <= 12 ? `${year}-${String(number).padStart(2, '0')}` : year
}

function excerptOf(entry: RawBibtexEntry): string {
  const title = entry.properties['title']
  return `@${entry.type}{${entry.label}${title === undefined ? '' : `, title = {${String(title)}}`}}`
}
