import {
  Show,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  onCleanup,
  untrack,
} from 'solid-js'
import type { Comment, Paper } from '../../../shared/model'
import { placeAnnotations } from '../../../shared/anchoring/anchor-annotations'
import type { GroupView } from '../../data/create-group-view'
import type { PaperView } from '../../data/create-paper-view'
import { PaperPresence } from '../presence/PaperPresence'
import { Discussion } from '../thread/Discussion'
import { createDrafts } from '../thread/drafts'
import { AbstractSection } from './AbstractSection'
import { firstMarkOf } from './AbstractText'
import { focusAnnotationEntry } from './AnnotationItem'
import { AnnotationPanel, type PanelEntry } from './AnnotationPanel'
import { createMediaQuery } from './create-media-query'
import { PaperContext, type Author, type PaperContextValue } from './paper-context'
import { PaperHeader } from './PaperHeader'
import { PaperMeetings } from '../PaperMeetings'
import { meetingHref } from '../../app/route'
import { localDay } from '../../format/date'
import { PaperTags } from './PaperTags'
import { ReadingStatusPicker } from './ReadingStatusPicker'
import { threadHandlers } from './thread-handlers'
import { UndoToast, type Undoable } from '../UndoToast'
import { VoteButton } from './VoteButton'
import { PdfSection } from '../pdf/PdfSection'
import { createPaperPdf } from '../../data/pdf-paper'
import { createKeptPdfs } from '../../data/pdf-store'
import '../../styles/paper.css'

const FORMER_MEMBER: Author = { name: 'Former member', colour: '#888888' }

/** A paper of the group: its details, abstract with highlights, annotations and discussion. */
export function PaperScreen(props: { view: GroupView; data: PaperView; paper: Paper }) {
  const titleId = createUniqueId()
  const narrow = createMediaQuery('(max-width: 700px)')
  const [selectedId, setSelectedId] = createSignal<string>()
  const [expanded, setExpanded] = createSignal(false)
  const [offer, setOffer] = createSignal<Undoable>()
  const [announcement, setAnnouncement] = createSignal('')
  const members = createMemo(() => new Map(props.view.members.value.map((m) => [m.id, m])))
  const pdf = createPaperPdf(
    untrack(() => props.view),
    () => props.paper.id,
  )
  const keptPdfs = createKeptPdfs()
  let main!: HTMLElement

  const placed = createMemo(() => placeAnnotations(props.paper.abstract, props.data.annotations))
  const threads = createMemo(() => {
    const byAnnotation = new Map<string, Comment[]>()
    for (const comment of props.data.comments) {
      if (comment.annotationId === undefined) continue
      const list = byAnnotation.get(comment.annotationId) ?? []
      byAnnotation.set(comment.annotationId, [...list, comment])
    }
    return byAnnotation
  })
  const paperComments = createMemo(() =>
    props.data.comments.filter((comment) => comment.annotationId === undefined),
  )
  // A deleted annotation stays listed while it has a thread, so that the thread is not lost.
  const entries = createMemo<PanelEntry[]>(() =>
    placed()
      .map(({ annotation, placement }) => ({
        annotation,
        placement,
        comments: threads().get(annotation.id) ?? [],
      }))
      .filter((entry) => !entry.annotation.deleted || entry.comments.length > 0)
      .sort((a, b) => startOf(a) - startOf(b)),
  )
  const highlights = createMemo(() =>
    entries().flatMap(({ annotation, placement }) =>
      placement.place === 'text' && !annotation.deleted
        ? [{ id: annotation.id, colour: annotation.colour, ...placement.range }]
        : [],
    ),
  )
  const peerSelections = createMemo(() =>
    props.view.presence
      .peers()
      .flatMap((peer) =>
        peer.paperId === props.paper.id && peer.selection
          ? [{ id: String(peer.clientId), name: peer.name, colour: peer.colour, ...peer.selection }]
          : [],
      ),
  )

  const context: PaperContextValue = {
    view: untrack(() => props.view),
    paperId: () => props.paper.id,
    author: (memberId) => members().get(memberId) ?? FORMER_MEMBER,
    myColour: () => members().get(props.view.memberId() ?? '')?.colour,
    narrow,
    selectedId,
    select: setSelectedId,
    focusInPanel(annotationId) {
      setSelectedId(annotationId)
      if (narrow()) setExpanded(true)
      focusAnnotationEntry(annotationId)
    },
    focusInText(annotationId) {
      setSelectedId(annotationId)
      // On a phone the open sheet would cover the passage.
      setExpanded(false)
      const mark = firstMarkOf(main, annotationId)
      mark?.focus({ preventScroll: true })
      mark?.scrollIntoView({ block: 'center' })
    },
    announce(message) {
      // Cleared first so that the same words twice in a row are spoken twice.
      setAnnouncement('')
      queueMicrotask(() => setAnnouncement(message))
    },
    offerUndo: (message, undo) => setOffer({ message, undo }),
    drafts: createDrafts(() => `${props.view.groupId}/${props.paper.id}`),
  }

  const previousTitle = document.title
  createEffect(() => {
    const group = props.view.settings.value?.name
    document.title = [props.paper.title, group, 'Margins'].filter(Boolean).join(' · ')
  })
  onCleanup(() => (document.title = previousTitle))

  return (
    <PaperContext.Provider value={context}>
      <div class="paper-page" classList={{ narrow: narrow() }}>
        <article class="paper-main" ref={main} aria-labelledby={titleId}>
          <PaperHeader groupId={props.view.groupId} paper={props.paper} titleId={titleId} />
          <PaperPresence peers={props.view.presence.peers()} paperId={props.paper.id} />
          <Show when={!props.view.canWrite}>
            <p class="paper-read-only">
              Your invite link is read-only: you can read everything here, but not highlight,
              comment, vote, tag or set a reading status.
            </p>
          </Show>
          <div class="paper-facts">
            <VoteButton voters={props.data.voters} />
            <ReadingStatusPicker statuses={props.data.statuses} />
          </div>
          <PaperMeetings
            meetings={props.data.meetings}
            today={localDay()}
            meetingHref={(meetingId) => meetingHref(props.view.groupId, meetingId)}
          />
          <PaperTags tags={props.data.tags} counts={props.data.tagCounts} />
          <PdfSection view={props.view} paper={props.paper} pdf={pdf()} kept={keptPdfs} />
          <section class="abstract-section" aria-labelledby={`${titleId}-abstract`}>
            <h3 id={`${titleId}-abstract`}>Abstract</h3>
            <Show
              when={props.paper.abstract}
              fallback={<p class="empty">No abstract yet, so nothing to highlight.</p>}
            >
              <Show when={props.view.canWrite}>
                <p class="abstract-hint">
                  Select a passage, or find it by its words below, to highlight it or add a note.
                </p>
              </Show>
              <AbstractSection
                paper={props.paper}
                highlights={highlights()}
                peers={peerSelections()}
              />
            </Show>
          </section>
          <section class="paper-discussion" aria-labelledby={`${titleId}-discussion`}>
            <h3 id={`${titleId}-discussion`}>Discussion</h3>
            <Discussion
              comments={paperComments()}
              members={props.view.members.value}
              memberId={props.view.memberId()}
              canWrite={props.view.canWrite}
              label="Discussion of the paper"
              draftScope={`${props.view.groupId}/${props.paper.id}/paper`}
              {...threadHandlers(props.view, () => props.paper.id)}
            />
          </section>
        </article>
        <AnnotationPanel
          entries={entries()}
          count={highlightsCount(entries())}
          expanded={expanded()}
          onExpanded={setExpanded}
        />
      </div>
      <UndoToast offer={offer()} onClose={() => setOffer(undefined)} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
    </PaperContext.Provider>
  )
}

function startOf(entry: PanelEntry): number {
  return entry.placement.place === 'text' ? entry.placement.range.start : Number.MAX_SAFE_INTEGER
}

function highlightsCount(entries: readonly PanelEntry[]): number {
  return entries.filter((entry) => !entry.annotation.deleted).length
}
