/**
 * Each paper's words, sorted, so that the word search (library-search-words.ts) can tell
 * whether a paper has a word, or a word starting with some letters, without MiniSearch.
 *
 * Hand-written because no library answers that question cheaply. MiniSearch knows which papers
 * have each word, but its API reaches them only through a search that scores every paper a word
 * is in, in every field: most of a keystroke for a common word over 2,000 papers. The radix tree
 * it exports (SearchableMap) would be a second index of the whole library to build and keep up
 * to date. Here a lookup in one paper costs the same for a common word as for a rare one, and is
 * made only in the papers that can still match.
 */
import { foldTerm, type SearchDocument, type SearchHit } from './library-search-text'

/**
 * A paper's distinct words, folded as the index folds them, sorted by UTF-16 code unit (as
 * `Array.prototype.sort` compares strings) and joined into one string, each followed by a line
 * break, which is never part of a word. One string and two typed arrays take far less memory
 * than an array of strings.
 */
export interface DocumentWords {
  readonly id: string
  readonly text: string
  /** Where each word starts in `text`, in order, then the length of `text`. */
  readonly starts: Uint32Array
  /** 1 when the word is outside the discussion (title, authors, abstract, ids), else 0. */
  readonly outside: Uint8Array
}

/** A hit outside the discussion. Every hit is one of these two, shared, not one per paper. */
export const OUTSIDE: SearchHit = Object.freeze({ inDiscussionOnly: false })
/** A hit in the comments and notes only. */
export const DISCUSSION_ONLY: SearchHit = Object.freeze({ inDiscussionOnly: true })

const splitWords = (text: string) => foldTerm(text).split(/[^\p{L}\p{N}]+/u)

function sortedWords(document: SearchDocument): DocumentWords {
  const outsideText = [document.title, document.authors, document.abstract, document.ids]
  const outsideWords = new Set(splitWords(outsideText.join(' ')))
  const words = [...new Set([...outsideWords, ...splitWords(document.comments)])]
    .filter((word) => word !== '')
    .sort()
  const starts = new Uint32Array(words.length + 1)
  const outside = new Uint8Array(words.length)
  let at = 0
  words.forEach((word, i) => {
    starts[i] = at
    outside[i] = outsideWords.has(word) ? 1 : 0
    at += word.length + 1
  })
  starts[words.length] = at
  // Joined with a last empty word, so that the text ends with a line break and is one flat string.
  return { id: document.id, text: [...words, ''].join('\n'), starts, outside }
}

const documentWords = new WeakMap<SearchDocument, DocumentWords>()

/**
 * The document's words. Made when the document is indexed (so that the first keystroke does
 * not fold every paper), and kept while the document object lives.
 */
export function wordsOf(document: SearchDocument): DocumentWords {
  let words = documentWords.get(document)
  if (!words) {
    words = sortedWords(document)
    documentWords.set(document, words)
  }
  return words
}

/** How the word from `start` to `end` in `text` sorts against `word`: negative when before. */
function compareAt(text: string, start: number, end: number, word: string): number {
  const length = Math.min(end - start, word.length)
  for (let k = 0; k < length; k++) {
    const difference = text.charCodeAt(start + k) - word.charCodeAt(k)
    if (difference !== 0) return difference
  }
  return end - start - word.length
}

/**
 * Where the paper has `word` (or, when `prefix`, a word starting with it); undefined when it
 * does not. A binary search: about eight comparisons for a paper of a few hundred distinct
 * words, however common or rare the word is, where a scan of the paper's text reads all of it
 * when the word is rare.
 */
export function findWord(
  words: DocumentWords,
  word: string,
  prefix: boolean,
): SearchHit | undefined {
  const { text, starts, outside } = words
  const count = outside.length
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    const end = (starts[middle + 1] as number) - 1
    if (compareAt(text, starts[middle] as number, end, word) < 0) low = middle + 1
    else high = middle
  }
  // Every word starting with `word` sorts from `low` on, one after the other.
  let found = false
  for (let i = low; i < count && text.startsWith(word, starts[i]); i++) {
    if (!prefix && (starts[i + 1] as number) - 1 - (starts[i] as number) !== word.length) break
    if (outside[i] === 1) return OUTSIDE
    found = true
    if (!prefix) break
  }
  return found ? DISCUSSION_ONLY : undefined
}
