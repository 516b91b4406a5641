import type * as Y from 'yjs'
import { createSignal, onCleanup } from 'solid-js'
import type { SearchHits } from './library-search-index'
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

/**
 * Searches the group's papers for the lifetime of the calling owner. The index is built in
 * slices after the page shows (searches scan the papers until then), then kept up to date one
 * paper at a time as comments and annotations change; votes, tags and statuses do not touch it.
 */
export function createLibrarySearch(view: { readonly doc: Y.Doc }): LibrarySearch {
  const [version, setVersion] = createSignal(0)
  const changed = () => setVersion((v) => v + 1)
  let timer: ReturnType<typeof setTimeout> | undefined
  const followed = followDocument(view.doc, () => {
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
  onCleanup(() => {
    followed.stop()
    if (timer !== undefined) clearTimeout(timer)
  })

  return {
    search: (text) => {
      version()
      return index.search(text)
    },
  }
}
