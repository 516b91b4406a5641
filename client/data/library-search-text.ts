/**
 * What a library search looks at and finds, and the plain scan that searches before the index
 * (library-search-index.ts, with MiniSearch) is loaded and built. Kept apart from MiniSearch so
 * that the library's first screen does not wait for it.
 */
import type { Paper } from '../../shared/model'
import { parseArxivId } from '../../shared/arxiv-id'

/** One paper as the search index sees it: flat text per field. */
export interface SearchDocument {
  id: string
  title: string
  authors: string
  abstract: string
  /** arXiv id and DOI. */
  ids: string
  /** Live comment bodies and annotation notes. */
  comments: string
}

/** The fields of a {@link SearchDocument} that are searched. */
export type Field = Exclude<keyof SearchDocument, 'id'>

/** Every searched field. */
export const FIELDS: readonly Field[] = ['title', 'authors', 'abstract', 'ids', 'comments']

/** What the search found in one paper. */
export interface SearchHit {
  /** True when only the discussion matched, so the card says where the words are. */
  inDiscussionOnly: boolean
}

/** Papers matching a text, by paper id. */
export type SearchHits = ReadonlyMap<string, SearchHit>

/** Lower case without accents, so that "trauble" finds "Träuble". */
export function foldTerm(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/**
 * An arXiv id as a reader pastes it (`2401.12345v2`, `arXiv:2401.12345`) in the form papers
 * keep it, without version or prefix; any other word as it is.
 */
function storedArxivForm(word: string): string {
  return parseArxivId(word)?.id ?? word
}

/** The words of a query, folded; empty when it holds no letter or digit. */
export function queryWords(text: string): string[] {
  const words = text.split(/\s+/).map(storedArxivForm).join(' ')
  return foldTerm(words)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

/** The search documents of the papers, with what members wrote on each (by paper id). */
export function toSearchDocuments(
  papers: readonly Paper[],
  commentText: ReadonlyMap<string, string>,
): SearchDocument[] {
  return papers.map((paper) => ({
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join(', '),
    abstract: paper.abstract,
    ids: [paper.arxivId, paper.doi].filter(Boolean).join(' '),
    comments: commentText.get(paper.id) ?? '',
  }))
}

/** True when the two versions of a document would be indexed alike. */
export function sameDocument(a: SearchDocument, b: SearchDocument): boolean {
  return FIELDS.every((field) => a[field] === b[field])
}

const haystacks = new WeakMap<SearchDocument, Record<Field, string>>()

function haystackOf(document: SearchDocument): Record<Field, string> {
  let folded = haystacks.get(document)
  if (!folded) {
    folded = Object.fromEntries(FIELDS.map((f) => [f, foldTerm(document[f])])) as Record<
      Field,
      string
    >
    haystacks.set(document, folded)
  }
  return folded
}

/**
 * The naive search: every word of the text must occur, as a substring, in one of the fields.
 * Used until the index is loaded and built, and as the benchmark's baseline.
 */
export function searchNaive(
  documents: Iterable<SearchDocument>,
  text: string,
): SearchHits | undefined {
  const words = queryWords(text)
  if (words.length === 0) return undefined
  const hits = new Map<string, SearchHit>()
  for (const document of documents) {
    const folded = haystackOf(document)
    const inField = (field: Field) => words.some((word) => folded[field].includes(word))
    const everywhere = words.every((word) => FIELDS.some((field) => folded[field].includes(word)))
    if (!everywhere) continue
    const outside = FIELDS.some((field) => field !== 'comments' && inField(field))
    hits.set(document.id, { inDiscussionOnly: !outside })
  }
  return hits
}
