import { Match, Show, Switch, createEffect, createUniqueId, onCleanup, untrack } from 'solid-js'
import type { Paper, PaperPdf } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import type { PaperView } from '../../data/create-paper-view'
import { createReaderDocument } from '../../data/pdf-reader-document'
import { paperHref } from '../../app/route'
import { PaperContext } from '../paper/paper-context'
import { createMediaQuery } from '../paper/create-media-query'
import { PagePresence } from '../presence/PagePresence'
import { UndoToast } from '../UndoToast'
import { PdfReader } from './PdfReader'
import { createReaderContext } from './reader-context'
import { createPageKeeper } from './create-page-keeper'
import '../../styles/paper.css'
import '../../styles/pdf-reader.css'

/**
 * A paper's PDF in the reader: opened from the copy kept on this device (else downloaded), with
 * the group's highlights on its pages and the same notes and threads as on the paper's page.
 */
export function PdfReaderScreen(props: {
  view: GroupView
  data: PaperView
  paper: Paper
  pdf: PaperPdf
  /** The annotation to open the reader at (named by the address), if any. */
  target?: string | undefined
}) {
  const titleId = createUniqueId()
  const narrow = createMediaQuery('(max-width: 700px)')
  const view = untrack(() => props.view)
  const reader = createReaderContext(view, () => props.paper.id, narrow)
  // The screen is keyed by the PDF (see PdfReaderPage): another file gets a fresh one.
  const load = createReaderDocument(
    view.groupId,
    untrack(() => props.pdf.sha256),
  )
  const opened = () => {
    const state = load()
    return state.state === 'open' ? state.document : undefined
  }
  const failed = () => {
    const state = load()
    return state.state === 'failed' ? state.problem : undefined
  }
  let goTo: ((page: number) => void) | undefined
  const resume = () => {
    const position = props.view.reading.of(props.paper.id)
    return position?.pdf === props.pdf.sha256 ? position.page : undefined
  }
  const keepPage = createPageKeeper((page) =>
    view.reading.keep(props.paper.id, { page, pdf: props.pdf.sha256 }),
  )

  onCleanup(() => view.presence.setPage(undefined))
  const previousTitle = document.title
  createEffect(() => {
    const group = props.view.settings.value?.name
    document.title = [`${props.paper.title} (PDF)`, group, 'Margins'].filter(Boolean).join(' · ')
  })
  onCleanup(() => (document.title = previousTitle))

  return (
    <PaperContext.Provider value={reader.context}>
      <div class="paper-page pdf-reader" classList={{ narrow: narrow() }}>
        <header class="pdf-reader-header" aria-labelledby={titleId}>
          <a class="pdf-back" href={paperHref(props.view.groupId, props.paper.id)}>
            ← Back to the paper
          </a>
          <h2 id={titleId} class="pdf-reader-title">
            {props.paper.title}
          </h2>
          <PagePresence
            peers={props.view.presence.peers()}
            paperId={props.paper.id}
            onGoTo={(page) => goTo?.(page)}
          />
          <Show when={!props.view.canWrite}>
            <p class="paper-read-only">
              Your invite link is read-only: you can read the PDF and its annotations, but not
              highlight or comment.
            </p>
          </Show>
        </header>
        <Switch>
          <Match when={failed()}>
            {(problem) => (
              <p class="error pdf-reader-status" role="alert">
                {problem()}
              </p>
            )}
          </Match>
          <Match when={opened()}>
            {(document) => (
              <PdfReader
                view={props.view}
                data={props.data}
                paper={props.paper}
                sha256={props.pdf.sha256}
                document={document()}
                reveal={reader.reveal()}
                onReveal={reader.setReveal}
                expanded={reader.expanded()}
                onExpanded={reader.setExpanded}
                onPage={(page) => view.presence.setPage(page)}
                goTo={(go) => (goTo = go)}
                target={props.target}
                resume={resume()}
                onRead={keepPage}
              />
            )}
          </Match>
          <Match when={true}>
            <p class="empty pdf-reader-status">Opening the PDF…</p>
          </Match>
        </Switch>
      </div>
      <UndoToast offer={reader.offer()} onClose={() => reader.setOffer(undefined)} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {reader.announcement()}
      </p>
    </PaperContext.Provider>
  )
}
