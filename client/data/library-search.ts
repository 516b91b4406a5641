import type * as Y from 'yjs'
import { createSignal, onCleanup } from 'solid-js'
import type { SearchHits } from './library-search-index'
import type { SyncedIndex } from './library-search-sync'
import { followDocument } from './library-search-follow'

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
  readonly index: SyncedIndex
  /** Called when a search may find something else: the document changed, or a build finished. */
  readonly listeners: Set<() => void>
}

// One index per open group, so that coming back from a paper finds it built rather than
// scanning (with other results) while a new one is built.
const shared = new WeakMap<Y.Doc, SharedIndex>()

/**
 * The index of `doc`, built in slices after first use (searches scan the papers until then),
 * then kept up to date one paper at a time until the document is destroyed (the group closed).
 */
function sharedIndex(doc: Y.Doc): SharedIndex {
  const known = shared.get(doc)
  if (known) return known
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const listener of listeners) listener()
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const followed = followDocument(doc, () => {
    changed()
    resume()
  })
  const { index } = followed

  const step = () => {
    timer = undefined
    const until = performance.now() + SLICE_MS
    if (index.build(() => performance.now() < until)) changed()
    else resume()
  }
  const resume = () => {
    if (timer === undefined && !index.ready) timer = setTimeout(step, 0)
  }
  resume()
  doc.once('destroy', () => {
    followed.stop()
    if (timer !== undefined) clearTimeout(timer)
    shared.delete(doc)
  })
  const entry = { index, listeners }
  shared.set(doc, entry)
  return entry
}

/**
 * Searches the group's papers for the lifetime of the calling owner. The index is shared by
 * every search of the document and outlives them while the group is open; votes, tags and
 * statuses do not touch it.
 */
export function createLibrarySearch(view: { readonly doc: Y.Doc }): LibrarySearch {
  const [version, setVersion] = createSignal(0)
  const { index, listeners } = sharedIndex(view.doc)
  const changed = () => setVersion((v) => v + 1)
  listeners.add(changed)
  onCleanup(() => listeners.delete(changed))

  return {
    search: (text) => {
      version()
      return index.search(text)
    },
  }
}
