import { createRoot, onCleanup, type Accessor } from 'solid-js'
import type { PaperPdf } from '../../shared/model'
import type { GroupView } from './create-group-view'
import { createPaperPdf } from './pdf-paper'

interface Shared {
  pdf: Accessor<PaperPdf | undefined>
  users: number
  dispose: () => void
}

const byView = new WeakMap<GroupView, Map<string, Shared>>()

/**
 * A paper's PDF, as `createPaperPdf` follows it, shared by every caller asking for the same
 * paper of the same group (each annotation of a paper's list, say), so that the document is
 * read once for all of them. Held for the calling owner's lifetime.
 */
export function sharedPaperPdf(view: GroupView, paperId: string): Accessor<PaperPdf | undefined> {
  const papers = byView.get(view) ?? new Map<string, Shared>()
  byView.set(view, papers)
  let shared = papers.get(paperId)
  if (!shared) {
    shared = createRoot((dispose) => ({
      pdf: createPaperPdf(view, () => paperId),
      users: 0,
      dispose,
    }))
    papers.set(paperId, shared)
  }
  const held = shared
  held.users++
  onCleanup(() => {
    if (--held.users > 0) return
    held.dispose()
    papers.delete(paperId)
  })
  return held.pdf
}
