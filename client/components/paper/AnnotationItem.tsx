import { Show, createMemo, createSignal, createUniqueId, untrack } from 'solid-js'
import {
  editAnnotation,
  setAnnotationDeleted,
  type Annotation,
  type Comment,
} from '../../../shared/model'
import type { Placement } from '../../../shared/anchoring/anchor-annotations'
import { Markdown } from '../../markdown/Markdown'
import { Discussion } from '../thread/Discussion'
import { commentDateTime, formatCommentDate } from '../thread/comment-date'
import { annotationByline } from './AbstractText'
import { ColourSwatches } from './ColourSwatches'
import { highlightColours, safeColour } from './highlight-colours'
import { NoteEditor } from './NoteEditor'
import { usePaperContext } from './paper-context'
import { threadHandlers } from './thread-handlers'
import { pdfReaderHref } from '../../app/route'
import { useInPdfReader } from '../pdf-reader/in-pdf-reader'
import { sharedPaperPdf } from '../../data/pdf-paper-shared'

/** The id of an annotation's entry in the panel. */
export const annotationEntry = (id: string) => `annotation-${id}`

/** Moves focus to an annotation's entry in the panel and scrolls it into view. */
export function focusAnnotationEntry(id: string): void {
  const entry = document.getElementById(annotationEntry(id))
  entry?.focus({ preventScroll: true })
  entry?.scrollIntoView({ block: 'nearest' })
}

/**
 * One annotation in the panel: its quote, who made it and when, the note, what its author can
 * do with it, and its threads. Focusing anything in it selects it, which shows it in the text.
 */
export function AnnotationItem(props: {
  annotation: Annotation
  placement: Placement
  comments: readonly Comment[]
}) {
  const context = usePaperContext()
  const { view } = context
  const inReader = useInPdfReader()
  const onPdf = () => props.annotation.target.page !== undefined
  // On the paper's page: a highlight made on another file than the paper's PDF now (it was
  // replaced) may not be found in it, which only the reader can tell.
  const paperPdf = createMemo(() =>
    inReader ? undefined : sharedPaperPdf(view, context.paperId()),
  )
  const onEarlierPdf = () => {
    const made = props.annotation.target.pdf
    const now = paperPdf()?.()?.sha256
    return made !== undefined && now !== undefined && made !== now
  }
  const quoteId = createUniqueId()
  const id = () => props.annotation.id
  const author = () => context.author(props.annotation.author)
  const mine = () => view.canWrite && props.annotation.author === view.memberId()
  const selected = () => context.selectedId() === id()
  const [editing, setEditing] = createSignal(false)
  const [colour, setColour] = createSignal(untrack(() => props.annotation.colour))
  const colours = createMemo(() => {
    const offered = highlightColours(context.myColour())
    const current = props.annotation.colour
    return offered.some((c) => c.value === current)
      ? offered
      : [{ name: 'Current colour', value: current }, ...offered.slice(0, 4)]
  })
  let entry!: HTMLElement

  const startEditing = () => {
    setColour(props.annotation.colour)
    setEditing(true)
  }
  const save = (note: string) => {
    const annotationId = id()
    const patch = { note, colour: colour() }
    const done = view.actions.run((doc, actor) => editAnnotation(doc, actor, annotationId, patch))
    if (!done) return false
    setEditing(false)
    entry.focus()
    return true
  }
  const setDeleted = (deleted: boolean) => {
    const annotationId = id()
    return view.actions.run((doc, actor) => setAnnotationDeleted(doc, actor, annotationId, deleted))
  }
  const remove = () => {
    const annotationId = id()
    // The entry may go away with the annotation: keep the keyboard in the panel.
    const panel = entry.closest<HTMLElement>('.panel-body')
    if (!setDeleted(true)) return
    panel?.focus()
    context.offerUndo('Annotation deleted.', () =>
      view.actions.run((doc, actor) => setAnnotationDeleted(doc, actor, annotationId, false)),
    )
  }

  return (
    <article
      id={annotationEntry(id())}
      ref={entry}
      tabIndex={-1}
      class="annotation"
      classList={{ 'is-selected': selected(), 'is-deleted': props.annotation.deleted }}
      style={{ 'border-left-color': safeColour(props.annotation.colour) }}
      aria-labelledby={quoteId}
      onFocusIn={() => context.select(id())}
      onClick={() => context.select(id())}
    >
      <blockquote id={quoteId} class="annotation-quote">
        {props.annotation.target.quote.exact}
      </blockquote>
      <p class="annotation-by" id={annotationByline(id())}>
        <span class="annotation-dot" style={{ 'background-color': safeColour(author().colour) }} />
        <span>{author().name}</span>
        <time datetime={commentDateTime(props.annotation.created)}>
          {formatCommentDate(props.annotation.created)}
        </time>
        <Show when={props.annotation.edited}>
          <span>(edited)</span>
        </Show>
      </p>
      <Show when={props.annotation.deleted}>
        <p class="annotation-where">This annotation was deleted; its thread stays.</p>
      </Show>
      <Show when={!props.annotation.deleted && props.placement.place === 'orphaned'}>
        <p class="annotation-where">
          {onPdf()
            ? 'Orphaned: its passage is no longer found in this PDF (the paper’s PDF may have been replaced by another file), so it is not highlighted.'
            : 'Orphaned: this passage is no longer in the abstract, so it is not highlighted.'}
        </p>
      </Show>
      <Show when={props.placement.place === 'page' && props.placement}>
        {(where) => (
          <p class="annotation-where">
            <Show when={!inReader} fallback={`On page ${where().page} of the PDF.`}>
              {/* The reader opens at the highlight, selected, with this entry open beside it. */}
              <a
                href={pdfReaderHref(view.groupId, context.paperId(), id())}
                // Selecting the entry opens its thread, which on a phone grows the sheet upward
                // under the finger before the tap's click lands: the link would be missed.
                onFocusIn={(event) => event.stopPropagation()}
              >
                On page {where().page} of {onEarlierPdf() ? 'an earlier PDF' : 'the PDF'}
              </a>
              {onEarlierPdf()
                ? ' of this paper: it may no longer be found in the one it has now.'
                : '.'}
            </Show>
          </p>
        )}
      </Show>
      <Show
        when={editing()}
        fallback={
          <Show when={!props.annotation.deleted && props.annotation.note}>
            {(note) => <Markdown source={note()} />}
          </Show>
        }
      >
        <NoteEditor
          label="Note"
          initial={props.annotation.note}
          saveLabel="Save"
          drafts={context.drafts}
          draftKey={`edit:${id()}`}
          onSave={save}
          onCancel={() => {
            setEditing(false)
            entry.focus()
          }}
        >
          <ColourSwatches
            colours={colours()}
            value={colour()}
            onChange={setColour}
            legend="Highlight colour"
          />
        </NoteEditor>
      </Show>
      <div class="annotation-actions">
        <Show when={props.placement.place === 'text' && !props.annotation.deleted}>
          <button type="button" class="link-button" onClick={() => context.focusInText(id())}>
            Show in text
          </button>
        </Show>
        <Show when={inReader && props.placement.place === 'page' && !props.annotation.deleted}>
          <button type="button" class="link-button" onClick={() => context.focusInText(id())}>
            Show on the page
          </button>
        </Show>
        <Show when={mine() && !props.annotation.deleted && !editing()}>
          <button type="button" class="link-button" onClick={startEditing}>
            {props.annotation.note ? 'Edit note' : 'Add a note'}
          </button>
          <button type="button" class="link-button" onClick={remove}>
            Delete
          </button>
        </Show>
        <Show
          when={
            view.canWrite && !selected() && !props.annotation.deleted && props.comments.length === 0
          }
        >
          <button
            type="button"
            class="link-button"
            onClick={() => queueMicrotask(() => entry.querySelector('textarea')?.focus())}
          >
            Discuss
          </button>
        </Show>
        <Show when={mine() && props.annotation.deleted}>
          <button type="button" class="link-button" onClick={() => setDeleted(false)}>
            Restore
          </button>
        </Show>
      </div>
      <Show when={props.comments.length > 0 || (selected() && !props.annotation.deleted)}>
        <Discussion
          comments={props.comments}
          members={view.members.value}
          memberId={view.memberId()}
          canWrite={view.canWrite && !props.annotation.deleted}
          label={`Threads on “${props.annotation.target.quote.exact.slice(0, 60)}”`}
          draftScope={`${view.groupId}/${context.paperId()}/${id()}`}
          {...threadHandlers(view, context.paperId, id)}
        />
      </Show>
    </article>
  )
}
