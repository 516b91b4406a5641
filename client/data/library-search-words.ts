import type MiniSearch from 'minisearch'
import type { SearchResult } from 'minisearch'
import type { SearchDocument, SearchHit, SearchHits } from './library-search-text'
import {
  DISCUSSION_ONLY,
  findWord,
  OUTSIDE,
  wordsOf,
  type DocumentWords,
} from './library-search-terms'

/** What one word of a query found. */
interface WordMatches {
  /** Papers the word matches, by id, saying where. */
  readonly hits: SearchHits
  /**
   * The words of the papers it matched as typed (none when it was searched with a typo): a word
   * it begins can match no other paper as typed.
   */
  readonly within: readonly DocumentWords[]
}

// Enough for the words of the last few queries typed.
const CACHED_WORDS = 64

const NOTHING: WordMatches = { hits: new Map(), within: [] }

/**
 * A search that the library asks at every keystroke. Every word of the query is required, the
 * last one (being typed) as a prefix. The feed shows hits in its own order, so the scores
 * MiniSearch would give are not needed: the papers every word matched are the answer.
 *
 * MiniSearch scores the whole query at once, and scores every posting of every index term a
 * word matches (2,000 papers times each field for a common word), which took most of a
 * keystroke; its public API has no way to ask for matching ids alone. So a word is matched as
 * typed by looking it up in each paper's sorted words (library-search-terms.ts), and only in the
 * papers that the word's beginning matched, when that was searched at an earlier keystroke:
 * "netw" is looked for among the papers "net" matched. MiniSearch is asked only for a word that
 * matches nothing as typed, with the typo tolerance it is configured with
 * (library-search-index.ts). Each word's matches are kept until the index changes, so a
 * keystroke costs only the word being typed.
 */
export interface WordSearch {
  /** Papers matching every word; the last one is the word being typed. */
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
  // Every document's words, while the documents stay the same.
  let all: DocumentWords[] | undefined

  const scan = (word: string, prefix: boolean, within: readonly DocumentWords[]): WordMatches => {
    const hits = new Map<string, SearchHit>()
    const found: DocumentWords[] = []
    for (const words of within) {
      const hit = findWord(words, word, prefix)
      if (!hit) continue
      hits.set(words.id, hit)
      found.push(words)
    }
    return { hits, within: found }
  }

  // A word is looked for with a typo only when nothing matches it as typed: a search within two
  // edits walks much of the index's terms (about 10 ms a keystroke over 2,000 real abstracts, for
  // every letter of a long word), and a word that matches as typed is rarely a typo.
  const typoSearch = (word: string, prefix: boolean): WordMatches => {
    const results: SearchResult[] = index.search(word, { prefix })
    if (results.length === 0) return NOTHING
    const hits = new Map<string, SearchHit>()
    for (const result of results) {
      const fields = Object.values(result.match).flat()
      const outside = fields.some((field) => field !== 'comments')
      hits.set(String(result.id), outside ? OUTSIDE : DISCUSSION_ONLY)
    }
    return { hits, within: [] }
  }

  /**
   * The papers that the longest beginning of `word` searched as a prefix matched as typed, or
   * every paper when no beginning was searched: `word` can match no other as typed.
   */
  const candidates = (word: string): readonly DocumentWords[] => {
    let longest = -1
    let within: readonly DocumentWords[] | undefined
    for (const [key, matches] of cache) {
      const start = key.slice(1)
      if (key[0] !== '*' || start.length <= longest || !word.startsWith(start)) continue
      longest = start.length
      within = matches.within
    }
    return within ?? (all ??= [...documents()].map(wordsOf))
  }

  const matchesOf = (word: string, prefix: boolean): WordMatches => {
    const key = `${prefix ? '*' : ' '}${word}`
    let matches = cache.get(key)
    if (matches) {
      // Most recently used last, so the oldest is the one forgotten.
      cache.delete(key)
    } else {
      const asTyped = scan(word, prefix, candidates(word))
      matches = asTyped.hits.size > 0 ? asTyped : typoSearch(word, prefix)
      if (cache.size >= CACHED_WORDS) cache.delete(cache.keys().next().value as string)
    }
    cache.set(key, matches)
    return matches
  }

  return {
    search(words) {
      const perWord = words.map((word, i) => matchesOf(word, i === words.length - 1).hits)
      perWord.sort((a, b) => a.size - b.size)
      const [fewest, ...others] = perWord
      if (!fewest) return new Map()
      if (others.length === 0) return fewest
      const hits = new Map<string, SearchHit>()
      for (const [id, hit] of fewest) {
        let outside = !hit.inDiscussionOnly
        let everyWord = true
        for (const matches of others) {
          const found = matches.get(id)
          if (found === undefined) {
            everyWord = false
            break
          }
          outside ||= !found.inDiscussionOnly
        }
        if (everyWord) hits.set(id, outside ? OUTSIDE : DISCUSSION_ONLY)
      }
      return hits
    },
    clear: () => {
      cache.clear()
      all = undefined
    },
  }
}
