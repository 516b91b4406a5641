import { createMemo, type Accessor } from 'solid-js'
import { pdfOf, type PaperPdf } from '../../shared/model'
import { createDocProjection } from './create-doc-projection'
import type { GroupView } from './create-group-view'

/** A paper's PDF (the one attached last to any record of it), following the document. */
export function createPaperPdf(
  view: GroupView,
  paperId: Accessor<string>,
): Accessor<PaperPdf | undefined> {
  // The memo disposes the previous paper's projection when the id changes.
  const projection = createMemo(() => {
    const id = paperId()
    return createDocProjection(view.doc, (doc) => ({ pdf: pdfOf(doc, id) }), { pdf: undefined })
  })
  const pdf = createMemo(() => projection().value.pdf)
  return pdf
}
