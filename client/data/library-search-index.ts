import MiniSearch from 'minisearch'
import { FIELDS, foldTerm, type SearchDocument } from './library-search-text'

// What the index searches, and the scan it stands in for, for callers that want both in one place.
export {
  foldTerm,
  queryWords,
  sameDocument,
  searchNaive,
  toSearchDocuments,
  type SearchDocument,
  type SearchHit,
  type SearchHits,
} from './library-search-text'

/**
 * A MiniSearch index over the fields of {@link SearchDocument}: accent- and case-folded terms,
 * every word required. The last word is searched as a prefix (it is the one being typed), and a
 * word of four letters or more that matches nothing as typed is searched with a typo (not
 * numbers: a typo in an id is another id).
 * Searched word by word (library-search-words.ts), which matches words as typed in each paper's
 * sorted words and asks MiniSearch only for a word with a typo; the feed keeps its own order,
 * so scores are not used.
 */
export function newMiniSearch(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    tokenize: (text) => text.split(/[^\p{L}\p{N}\p{M}]+/u),
    processTerm: (term) => foldTerm(term) || null,
    searchOptions: {
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => (term.length >= 4 && !/\p{N}/u.test(term) ? 0.2 : false),
      maxFuzzy: 2,
      combineWith: 'AND',
    },
  })
}
