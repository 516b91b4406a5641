import type * as Y from 'yjs'
import { listPapers } from '../../shared/model'
import { observeCommentText, readCommentText } from '../../shared/model/comment-text'
import { toSearchDocuments } from './library-search-text'
import { syncedIndex, type SyncedIndex } from './library-search-sync'

/** A search index that follows a group document (plain, without Solid). */
export interface FollowedIndex {
  readonly index: SyncedIndex
  /**
   * Applies the changes seen since the last call; done on its own on the microtask after a
   * change, which then calls `onChange` if a paper's search text changed. Returns that.
   */
  flush(): boolean
  stop(): void
}

/**
 * Follows `doc` into a search index. A new comment or annotation re-reads the text of its paper
 * only, and the index replaces that paper's document only; a change to the papers re-reads
 * every paper's text (imports are rare and come in one transaction).
 */
export function followDocument(doc: Y.Doc, onChange: () => void): FollowedIndex {
  const index = syncedIndex()
  const text = readCommentText(doc)
  let all = false
  let touched = new Set<string>()
  let scheduled = false

  const flush = (): boolean => {
    scheduled = false
    if (!all && touched.size === 0) return false
    const papers = all ? undefined : touched
    const fresh = readCommentText(doc, papers)
    if (!papers) text.clear()
    for (const paper of papers ?? fresh.keys()) {
      const now = fresh.get(paper)
      if (now === undefined) text.delete(paper)
      else text.set(paper, now)
    }
    all = false
    touched = new Set()
    if (!papers) return index.update(toSearchDocuments(listPapers(doc), text))
    const changed = listPapers(doc).filter((paper) => papers.has(paper.id))
    return index.patch(toSearchDocuments(changed, text))
  }

  index.update(toSearchDocuments(listPapers(doc), text))
  const stop = observeCommentText(doc, (papers) => {
    if (papers === undefined) all = true
    else for (const paper of papers) touched.add(paper)
    if (scheduled) return
    scheduled = true
    queueMicrotask(() => {
      if (flush()) onChange()
    })
  })
  return { index, flush, stop }
}
