import { Show, createMemo, createUniqueId } from 'solid-js'
import { EntryList, type PanelEntry } from '../paper/AnnotationPanel'
import { usePaperContext } from '../paper/paper-context'

/**
 * The annotations on the PDF's pages, in reading order, then the orphaned ones: their passages
 * are on no page of this PDF, and they are kept with their threads, never dropped. A column on
 * a desktop; on a phone a bottom sheet whose handle says how many there are.
 */
export function ReaderPanel(props: {
  entries: readonly PanelEntry[]
  expanded: boolean
  onExpanded: (expanded: boolean) => void
  ref?: (element: HTMLElement) => void
}) {
  const context = usePaperContext()
  const bodyId = createUniqueId()
  const headingId = createUniqueId()
  let body!: HTMLDivElement
  let handle: HTMLButtonElement | undefined
  const byId = createMemo(() => new Map(props.entries.map((entry) => [entry.annotation.id, entry])))
  const sameIds = { equals: (a: string[], b: string[]) => a.join('\n') === b.join('\n') }
  const idsWhere = (orphaned: boolean) =>
    props.entries
      .filter((entry) => (entry.placement.place === 'orphaned') === orphaned)
      .map((entry) => entry.annotation.id)
  const onPages = createMemo(() => idsWhere(false), [], sameIds)
  const orphaned = createMemo(() => idsWhere(true), [], sameIds)
  const count = () => props.entries.filter((entry) => !entry.annotation.deleted).length
  const title = () => `Annotations on the PDF (${count()})`
  const open = () => !context.narrow() || props.expanded

  const toggle = () => {
    const next = !props.expanded
    props.onExpanded(next)
    if (next) body.focus()
  }

  return (
    <aside
      ref={(element) => props.ref?.(element)}
      class="annotation-panel pdf-panel"
      classList={{ sheet: context.narrow(), open: props.expanded }}
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !context.narrow() || !props.expanded) return
        props.onExpanded(false)
        handle?.focus()
      }}
    >
      <h2 id={headingId} class="panel-title">
        <Show when={context.narrow()} fallback={title()}>
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
        </Show>
      </h2>
      <div id={bodyId} ref={body} class="panel-body" tabIndex={-1} hidden={!open()}>
        <Show when={props.entries.length === 0}>
          <p class="empty">
            No annotations on the PDF yet.
            {context.view.canWrite ? ' Select a passage on a page to highlight it.' : ''}
          </p>
        </Show>
        <EntryList ids={onPages()} entry={(id) => byId().get(id)} />
        <Show when={orphaned().length > 0}>
          <section class="panel-group pdf-orphaned">
            <h3>Orphaned ({orphaned().length})</h3>
            <p class="panel-note">
              Their passages are on no page of this PDF. They are kept here with their threads.
            </p>
            <EntryList ids={orphaned()} entry={(id) => byId().get(id)} />
          </section>
        </Show>
      </div>
    </aside>
  )
}
