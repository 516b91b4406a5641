import { newMiniSearch } from './library-search-index'
import {
  queryWords,
  sameDocument,
  searchNaive,
  type SearchDocument,
  type SearchHits,
} from './library-search-text'
import { wordsOf } from './library-search-terms'
import { wordSearch } from './library-search-words'

/**
 * A search index that follows a changing set of documents one document at a time: an update
 * adds, replaces or discards only the documents that changed. The first build is done in slices
 * (`build`) so that it never holds up the page; until it is done, searches scan the documents.
 */
export interface SyncedIndex {
  /** Takes the current documents. Returns true when any of them changed. */
  update(documents: readonly SearchDocument[]): boolean
  /** Takes new versions of some documents, leaving the others as they are. */
  patch(documents: readonly SearchDocument[]): boolean
  /** Indexes documents not indexed yet while `more()` is true; true once all are indexed. */
  build(more: () => boolean): boolean
  /** True when every document is in the index. */
  readonly ready: boolean
  /** Papers matching the text; undefined when the text holds no word. */
  search(text: string): SearchHits | undefined
}

/** An empty {@link SyncedIndex}. */
export function syncedIndex(): SyncedIndex {
  const index = newMiniSearch()
  let latest = new Map<string, SearchDocument>()
  const indexed = new Map<string, SearchDocument>()
  let pending: string[] = []
  const words = wordSearch(index, () => indexed.values())

  const update = (documents: readonly SearchDocument[]): boolean => {
    const next = new Map<string, SearchDocument>()
    let changed = documents.length !== latest.size
    for (const document of documents) {
      const before = latest.get(document.id)
      // Keep the old object when nothing changed, so unchanged documents compare by identity.
      const kept = before && sameDocument(before, document) ? before : document
      if (kept !== before) changed = true
      next.set(document.id, kept)
    }
    for (const [id, document] of indexed) {
      const now = next.get(id)
      if (now === document) continue
      words.clear()
      if (now) index.replace(now)
      else index.discard(id)
      if (now) indexed.set(id, now)
      else indexed.delete(id)
    }
    latest = next
    pending = [...next.keys()].filter((id) => !indexed.has(id))
    return changed
  }

  const patch = (documents: readonly SearchDocument[]): boolean => {
    let changed = false
    for (const document of documents) {
      const before = latest.get(document.id)
      if (before && sameDocument(before, document)) continue
      changed = true
      latest.set(document.id, document)
      if (indexed.has(document.id)) {
        words.clear()
        index.replace(document)
        indexed.set(document.id, document)
      } else if (!before) pending.push(document.id)
    }
    return changed
  }

  const build = (more: () => boolean): boolean => {
    while (pending.length > 0 && more()) {
      const id = pending.pop() as string
      const document = latest.get(id)
      if (!document || indexed.has(id)) continue
      words.clear()
      index.add(document)
      wordsOf(document)
      indexed.set(id, document)
    }
    return pending.length === 0
  }

  return {
    update,
    patch,
    build,
    get ready() {
      return pending.length === 0
    },
    search(text) {
      if (pending.length > 0) return searchNaive(latest.values(), text)
      const typed = queryWords(text)
      return typed.length === 0 ? undefined : words.search(typed)
    },
  }
}
