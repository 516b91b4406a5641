import { For, Show, createMemo, createUniqueId, type JSX } from 'solid-js'
import type { Annotation, Comment } from '../../../shared/model'
import type { Placement } from '../../../shared/anchoring/anchor-annotations'
import { AnnotationItem } from './AnnotationItem'
import { usePaperContext } from './paper-context'

/** An annotation as the panel lists it. */
export interface PanelEntry {
  annotation: Annotation
  placement: Placement
  comments: readonly Comment[]
}

/**
 * The paper's annotations in text order, then those on PDF pages, then the orphaned ones (kept,
 * never dropped). A sticky column on a desktop; on a phone a bottom sheet whose handle says how
 * many there are and opens it.
 */
export function AnnotationPanel(props: {
  entries: readonly PanelEntry[]
  count: number
  expanded: boolean
  onExpanded: (expanded: boolean) => void
}) {
  const context = usePaperContext()
  const bodyId = createUniqueId()
  const headingId = createUniqueId()
  let body!: HTMLDivElement
  let handle: HTMLButtonElement | undefined
  const byId = createMemo(() => new Map(props.entries.map((entry) => [entry.annotation.id, entry])))
  // Rows follow ids, not entries (which are made anew on every change), so that an entry being
  // edited or focused stays in place while others change.
  const idsIn = (place: Placement['place']) =>
    props.entries
      .filter((entry) => entry.placement.place === place)
      .map((entry) => entry.annotation.id)
  const sameIds = { equals: (a: string[], b: string[]) => a.join('\n') === b.join('\n') }
  const inText = createMemo(() => idsIn('text'), [], sameIds)
  const onPages = createMemo(() => idsIn('page'), [], sameIds)
  const orphaned = createMemo(() => idsIn('orphaned'), [], sameIds)
  const title = () => `Annotations (${props.count})`
  const sheetOpen = () => !context.narrow() || props.expanded

  const toggle = () => {
    const open = !props.expanded
    props.onExpanded(open)
    if (open) body.focus()
  }

  return (
    <aside
      class="annotation-panel"
      classList={{ sheet: context.narrow(), open: props.expanded }}
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !context.narrow() || !props.expanded) return
        props.onExpanded(false)
        handle?.focus()
      }}
    >
      <Show
        when={context.narrow()}
        fallback={
          <h2 id={headingId} class="panel-title">
            {title()}
          </h2>
        }
      >
        <h2 id={headingId} class="panel-title">
          <button
            ref={handle}
            type="button"
            class="sheet-handle"
            aria-expanded={props.expanded}
            aria-controls={bodyId}
            onClick={toggle}
          >
            {title()}
          </button>
        </h2>
      </Show>
      <div id={bodyId} ref={body} class="panel-body" tabIndex={-1} hidden={!sheetOpen()}>
        <Show when={props.entries.length === 0}>
          <p class="empty">
            No annotations yet.
            {context.view.canWrite ? ' Select a passage of the abstract to highlight it.' : ''}
          </p>
        </Show>
        <EntryList ids={inText()} entry={(id) => byId().get(id)} />
        <Group title="On the PDF" ids={onPages()} entry={(id) => byId().get(id)} />
        <Group title="Orphaned" ids={orphaned()} entry={(id) => byId().get(id)}>
          <p class="panel-note">
            Their passages are no longer in the abstract. They are kept here with their threads.
          </p>
        </Group>
      </div>
    </aside>
  )
}

type Lookup = (id: string) => PanelEntry | undefined

/** The annotations `ids` names, in that order, each with its thread (the PDF reader's too). */
export function EntryList(props: { ids: readonly string[]; entry: Lookup }) {
  return (
    <Show when={props.ids.length > 0}>
      <ol class="annotation-list">
        <For each={props.ids}>
          {(id) => (
            <Show when={props.entry(id)}>
              {(entry) => (
                <li>
                  <AnnotationItem
                    annotation={entry().annotation}
                    placement={entry().placement}
                    comments={entry().comments}
                  />
                </li>
              )}
            </Show>
          )}
        </For>
      </ol>
    </Show>
  )
}

function Group(props: {
  title: string
  ids: readonly string[]
  entry: Lookup
  children?: JSX.Element
}) {
  return (
    <Show when={props.ids.length > 0}>
      <section class="panel-group">
        <h3>
          {props.title} ({props.ids.length})
        </h3>
        {props.children}
        <EntryList ids={props.ids} entry={props.entry} />
      </section>
    </Show>
  )
}
