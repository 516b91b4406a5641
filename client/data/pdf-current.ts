import { listPdfs } from '../../shared/model'
import { createDocProjection, type DocProjection } from './create-doc-projection'
import type { GroupView } from './create-group-view'

/**
 * The SHA-256 of each paper's PDF in the group, by canonical paper id, following the document:
 * a kept file that is no paper's PDF any more was replaced by another.
 */
export function createCurrentPdfs(view: GroupView): DocProjection<Record<string, string>> {
  return createDocProjection(
    view.doc,
    (doc) => Object.fromEntries([...listPdfs(doc)].map(([paperId, pdf]) => [paperId, pdf.sha256])),
    {},
  )
}
