import type MiniSearch from 'minisearch'
import type { SearchResult } from 'minisearch'
import { foldTerm, type SearchDocument, type SearchHits } from './library-search-text'

/** Papers a word matches, by paper id: true when it matched outside the discussion. */
type WordMatches = ReadonlyMap<string, boolean>

// Prefixes shorter than this are matched by a scan of the words instead of MiniSearch: a short
// prefix expands to many index terms, and MiniSearch scores every posting of every one of them
// (260 ms for "reinforcement learning a" over 2,000 papers), while a scan of the papers' words
// takes a few milliseconds whatever the prefix. Words this short get no typo tolerance
// (library-search-index.ts), so the scan finds exactly what the index would.
const SHORT_PREFIX = 4

// Enough for the words of the last few queries typed.
const CACHED_WORDS = 64

const wordTexts = new WeakMap<SearchDocument, { outside: string; comments: string }>()

/**
 * The document's words as the index splits and folds them, each preceded by a space. Made when
 * the document is indexed (so that the first keystroke does not fold every paper), and kept
 * while the document object lives.
 */
export function wordsOf(document: SearchDocument): { outside: string; comments: string } {
  let words = wordTexts.get(document)
  if (!words) {
    const fold = (text: string) => ` ${foldTerm(text).replace(/[^\p{L}\p{N}]+/gu, ' ')}`
    const outside = [document.title, document.authors, document.abstract, document.ids]
    words = { outside: fold(outside.join(' ')), comments: fold(document.comments) }
    wordTexts.set(document, words)
  }
  return words
}

/**
 * A search that the library asks at every keystroke. Every word of the query is required, the
 * last one (being typed) as a prefix. MiniSearch scores the whole query at once, so typing
 * the last word of "reinforcement learning agent" searched "reinforcement" and "learning" again
 * at every letter; here each word's matches are kept until the index changes, and a keystroke
 * costs only the word being typed. The feed shows hits in its own order, so the scores
 * MiniSearch would give are not needed: the papers every word matched are the answer.
 */
export interface WordSearch {
  /** Papers matching every word; `last` is the word being typed. */
  search(words: readonly string[]): SearchHits
  /** Forgets every word's matches: call whenever the index or the documents change. */
  clear(): void
}

/** A {@link WordSearch} over `index`, whose documents are `documents()`. */
export function wordSearch(
  index: MiniSearch<SearchDocument>,
  documents: () => Iterable<SearchDocument>,
): WordSearch {
  const cache = new Map<string, WordMatches>()

  const scanPrefix = (prefix: string): WordMatches => {
    const needle = ` ${prefix}`
    const matches = new Map<string, boolean>()
    for (const document of documents()) {
      const words = wordsOf(document)
      if (words.outside.includes(needle)) matches.set(document.id, true)
      else if (words.comments.includes(needle)) matches.set(document.id, false)
    }
    return matches
  }

  const collect = (results: SearchResult[]): WordMatches => {
    const matches = new Map<string, boolean>()
    for (const result of results) {
      const fields = Object.values(result.match).flat()
      matches.set(
        String(result.id),
        fields.some((field) => field !== 'comments'),
      )
    }
    return matches
  }
  // A word is looked for with a typo only when nothing matches it as typed: a search within two
  // edits walks much of the index's terms (about 10 ms a keystroke over 2,000 real abstracts, for
  // every letter of a long word), and a word that matches as typed is rarely a typo.
  const searchIndex = (word: string, prefix: boolean): WordMatches => {
    const asTyped = collect(index.search(word, { prefix, fuzzy: false }))
    return asTyped.size > 0 ? asTyped : collect(index.search(word, { prefix }))
  }

  const matchesOf = (word: string, prefix: boolean): WordMatches => {
    const key = `${prefix ? '*' : ' '}${word}`
    let matches = cache.get(key)
    if (matches) {
      // Most recently used last, so the oldest is the one forgotten.
      cache.delete(key)
    } else {
      matches =
        prefix && [...word].length < SHORT_PREFIX ? scanPrefix(word) : searchIndex(word, prefix)
      if (cache.size >= CACHED_WORDS) cache.delete(cache.keys().next().value as string)
    }
    cache.set(key, matches)
    return matches
  }

  return {
    search(words) {
      const perWord = words.map((word, i) => matchesOf(word, i === words.length - 1))
      perWord.sort((a, b) => a.size - b.size)
      const [fewest, ...others] = perWord
      const hits = new Map<string, { inDiscussionOnly: boolean }>()
      for (const [id, outside] of fewest ?? []) {
        let anyOutside = outside
        let all = true
        for (const matches of others) {
          const found = matches.get(id)
          if (found === undefined) {
            all = false
            break
          }
          anyOutside ||= found
        }
        if (all) hits.set(id, { inDiscussionOnly: !anyOutside })
      }
      return hits
    },
    clear: () => cache.clear(),
  }
}
