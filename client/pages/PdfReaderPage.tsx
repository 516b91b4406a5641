import { Show, createEffect, createMemo, onCleanup, untrack } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { createPaperView } from '../data/create-paper-view'
import { createPaperPdf } from '../data/pdf-paper'
import { createHashRoute, paperHref } from '../app/route'
import { PaperNotFound } from '../components/paper/PaperNotFound'
import { PdfReaderScreen } from '../components/pdf-reader/PdfReaderScreen'

/** A paper's PDF in the in-app reader, with the group's highlights and threads on its pages. */
export function PdfReaderPage(props: { view: GroupView; paperId: string }) {
  const view = untrack(() => props.view)
  const data = createPaperView(view, () => props.paperId)
  const paperId = createMemo(() => data.paper?.id)
  const pdf = createPaperPdf(view, () => paperId() ?? props.paperId)
  // The highlight the address names (`…/pdf/<annotationId>`), read here so that following
  // another highlight's link keeps the opened PDF.
  const route = createHashRoute()
  const target = () => {
    const place = route()
    return place.page === 'pdf' ? place.annotationId : undefined
  }

  createEffect(() => {
    const id = paperId()
    if (id !== undefined) view.presence.setPaper(id)
  })
  onCleanup(() => view.presence.setPaper(undefined))

  return (
    <Show
      when={paperId()}
      keyed
      fallback={<PaperNotFound groupId={props.view.groupId} synced={props.view.synced()} />}
    >
      {(id) => (
        <Show when={data.paper?.id === id && data.paper}>
          {(paper) => (
            <Show
              when={pdf()?.sha256}
              keyed
              fallback={
                <section class="pdf-reader-missing">
                  <h2>{paper().title}</h2>
                  <p class="empty">This paper has no PDF yet.</p>
                  <p>
                    <a href={paperHref(props.view.groupId, id)}>Back to the paper</a>, where a PDF
                    can be attached.
                  </p>
                </section>
              }
            >
              {(sha256) => (
                <Show when={pdf()?.sha256 === sha256 && pdf()}>
                  {(file) => (
                    <PdfReaderScreen
                      view={props.view}
                      data={data}
                      paper={paper()}
                      pdf={file()}
                      target={target()}
                    />
                  )}
                </Show>
              )}
            </Show>
          )}
        </Show>
      )}
    </Show>
  )
}
