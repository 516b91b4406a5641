import type * as Y from 'yjs'
import { createSignal, onCleanup } from 'solid-js'
import { listPapers } from '../../shared/model'
import { readCommentText } from '../../shared/model/comment-text'
import { queryWords, searchNaive, toSearchDocuments, type SearchHits } from './library-search-text'
import type { SyncedIndex } from './library-search-sync'
import type { FollowedIndex } from './library-search-follow'

/** Full-text search over the group's papers and what members wrote on them. */
export interface LibrarySearch {
  /**
   * Papers matching the text (title, authors, abstract, ids, comments and notes), as prefixes
   * and with typos forgiven; undefined when the text holds no word. Reactive: it follows the
   * document.
   */
  search(text: string): SearchHits | undefined
}

// Long enough to index a few dozen papers, short enough to keep the page at 60 frames a second.
const SLICE_MS = 8

interface SharedIndex {
  /** Undefined until the index's code (MiniSearch) has loaded. */
  index: SyncedIndex | undefined
  /** Starts loading the index's code now, if it has not started. */
  readonly load: () => void
  /** Called when a search may find something else: the document changed, or a build finished. */
  readonly listeners: Set<() => void>
}

// One index per open group, so that coming back from a paper finds it built rather than
// scanning (with other results) while a new one is built.
const shared = new WeakMap<Y.Doc, SharedIndex>()

// The index is not needed to show the library: its code (MiniSearch) loads this long after the
// library opened, once the browser is idle, or at the first search, whichever comes first. The
// service worker keeps it, so it comes at once.
const LOAD_AFTER_MS = 1000
const IDLE_TIMEOUT_MS = 1000

function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS })
  else setTimeout(task, 0)
}

/**
 * The index of `doc`, loaded soon after the library shows and built in slices (searches scan
 * the papers until then), then kept up to date one paper at a time until the document is
 * destroyed (the group closed).
 */
function sharedIndex(doc: Y.Doc): SharedIndex {
  const known = shared.get(doc)
  if (known) return known
  let started = false
  const load = () => {
    if (started) return
    started = true
    import('./library-search-follow').then(
      ({ followDocument }) => {
        if (destroyed) return
        followed = followDocument(doc, () => {
          changed()
          resume()
        })
        entry.index = followed.index
        changed()
        resume()
      },
      // Offline without the chunk (a browser that cleared the worker's cache): keep scanning.
      (error: unknown) => console.warn('The search index could not be loaded', error),
    )
  }
  const entry: SharedIndex = { index: undefined, load, listeners: new Set() }
  const changed = () => {
    for (const listener of entry.listeners) listener()
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  let followed: FollowedIndex | undefined
  let destroyed = false

  const step = () => {
    timer = undefined
    const until = performance.now() + SLICE_MS
    if (entry.index?.build(() => performance.now() < until)) changed()
    else resume()
  }
  const resume = () => {
    if (timer === undefined && entry.index && !entry.index.ready) timer = setTimeout(step, 0)
  }
  const later = setTimeout(() => whenIdle(load), LOAD_AFTER_MS)
  doc.once('destroy', () => {
    destroyed = true
    clearTimeout(later)
    followed?.stop()
    if (timer !== undefined) clearTimeout(timer)
    shared.delete(doc)
  })
  shared.set(doc, entry)
  return entry
}

/** The scan that stands in for the index until its code has loaded. */
function scan(doc: Y.Doc, text: string): SearchHits | undefined {
  if (queryWords(text).length === 0) return undefined
  return searchNaive(toSearchDocuments(listPapers(doc), readCommentText(doc)), text)
}

/**
 * Searches the group's papers for the lifetime of the calling owner. The index is shared by
 * every search of the document and outlives them while the group is open; votes, tags and
 * statuses do not touch it.
 */
export function createLibrarySearch(view: { readonly doc: Y.Doc }): LibrarySearch {
  const [version, setVersion] = createSignal(0)
  const entry = sharedIndex(view.doc)
  const changed = () => setVersion((v) => v + 1)
  entry.listeners.add(changed)
  onCleanup(() => entry.listeners.delete(changed))

  return {
    search: (text) => {
      version()
      if (entry.index) return entry.index.search(text)
      const hits = scan(view.doc, text)
      if (hits) entry.load()
      return hits
    },
  }
}
