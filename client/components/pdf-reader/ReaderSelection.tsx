import { Show, createEffect, createMemo, createSignal, onCleanup, onMount } from 'solid-js'
import { addAnnotation, type Paper } from '../../../shared/model'
import { describePdfSelection } from '../../../shared/anchoring/pdf-anchor'
import type { PageLayer } from '../../data/pdf-reader-selection'
import { DEFAULT_HIGHLIGHT, highlightColours } from '../paper/highlight-colours'
import { NoteComposer } from '../paper/NoteComposer'
import { usePaperContext } from '../paper/paper-context'
import { SelectionToolbar, type Placement } from '../paper/SelectionToolbar'
import { createPdfSelection, type PageSelection } from './create-pdf-selection'

/** What the reader may do with the selection from outside: select a found passage. */
export interface SelectionControl {
  select(range: Range): void
}

/**
 * Selecting text on a page offers what selecting in the abstract offers: highlight it, in a
 * colour, or add a note; the annotation is the group's like any other, with the page and the
 * PDF in its target.
 */
export function ReaderSelection(props: {
  paper: Paper
  sha256: string
  layers: readonly PageLayer[]
  pageText: (page: number) => string | undefined
  /** The element the floating toolbar is placed in. */
  wrap: HTMLElement
  control: (control: SelectionControl) => void
  /** What the reader's toolbar says of a selection running past its page, or undefined. */
  onNotice: (notice: string | undefined) => void
}) {
  const context = usePaperContext()
  const { view } = context
  let floating: HTMLElement | undefined
  const tracked = createPdfSelection(() => props.layers)
  const [composing, setComposing] = createSignal<PageSelection>()
  const pending = () => composing() ?? tracked.selection()
  const colours = createMemo(() => highlightColours(context.myColour()))
  const [chosen, setChosen] = createSignal<string>()
  const colour = () => chosen() ?? colours()[0]?.value ?? DEFAULT_HIGHLIGHT
  onMount(() => props.control({ select: (range) => tracked.select(range) }))
  // Only the first page's part of a selection across pages is kept (see selectionOnPages):
  // said before anything is saved, in the toolbar the member sees on any screen.
  const rest = (range: PageSelection) =>
    range.runsOnto === undefined
      ? ''
      : ` Select the rest on page ${range.runsOnto} to highlight it too.`
  createEffect(() => {
    const range = pending()
    props.onNotice(
      range?.runsOnto === undefined
        ? undefined
        : `Only the part on page ${range.page} will be highlighted: a highlight stays on one page.${rest(range)}`,
    )
  })
  onCleanup(() => props.onNotice(undefined))

  const [placement, setPlacement] = createSignal<Placement>('docked')
  createEffect(() => {
    const range = pending()
    if (context.narrow()) return setPlacement('docked')
    if (!range) return setPlacement({ top: 0, left: 0 })
    // Both in document coordinates, so that a scroll since the selection was read (to a match
    // found) does not move the toolbar away from it.
    const box = props.wrap.getBoundingClientRect()
    const [top, left] = [box.top + window.scrollY, box.left + window.scrollX]
    const width = floating?.offsetWidth ?? 0
    const x = Math.min(range.rect.left - left, box.width - width)
    setPlacement({ top: range.rect.bottom - top + 8, left: Math.max(0, x) })
  })

  const selectors = (range: PageSelection) => {
    const text = props.pageText(range.page)
    return text === undefined ? undefined : describePdfSelection(text, range)
  }
  const finish = () => {
    setComposing(undefined)
    tracked.clear()
  }
  const create = (note: string) => {
    const range = pending()
    const described = range && selectors(range)
    if (!described) return false
    const paperId = props.paper.id
    const input = {
      paperId,
      target: { source: paperId, pdf: props.sha256, ...described },
      colour: colour(),
      note,
    }
    const made = view.actions.run((doc, actor) => addAnnotation(doc, actor, input))
    if (!made) return false
    finish()
    context.select(made.id)
    context.announce(`${note.trim() ? 'Note added.' : 'Passage highlighted.'}${rest(range)}`)
    return true
  }
  const quoteOf = (range: PageSelection) => selectors(range)?.quote.exact ?? ''

  return (
    <>
      <Show when={view.canWrite && !composing() && tracked.selection()}>
        <SelectionToolbar
          ref={(element) => (floating = element)}
          placement={placement()}
          colours={colours()}
          colour={colour()}
          onColour={setChosen}
          onHighlight={() => create('')}
          onAddNote={() => setComposing(tracked.selection())}
          onDismiss={finish}
        />
      </Show>
      <Show when={view.canWrite && composing()}>
        {(range) => (
          <NoteComposer
            ref={(element) => (floating = element)}
            placement={placement()}
            quote={quoteOf(range())}
            colours={colours()}
            colour={colour()}
            onColour={setChosen}
            drafts={context.drafts}
            draftKey={`new-pdf:${props.sha256}:${range().page}:${range().start}-${range().end}`}
            onSave={create}
            onCancel={finish}
          />
        )}
      </Show>
    </>
  )
}
