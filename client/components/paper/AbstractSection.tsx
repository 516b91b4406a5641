import { Show, createEffect, createMemo, createSignal, onMount } from 'solid-js'
import { addAnnotation, selectorsFor, type Paper } from '../../../shared/model'
import { AbstractText, type PeerSelection, type TextHighlight } from './AbstractText'
import { createTextSelection, type TextSelection } from './create-text-selection'
import { DEFAULT_HIGHLIGHT, highlightColours } from './highlight-colours'
import { SelectionToolbar, placementStyle, type Placement } from './SelectionToolbar'
import { ColourSwatches } from './ColourSwatches'
import { NoteEditor } from './NoteEditor'
import { usePaperContext } from './paper-context'
import type { Drafts } from '../thread/drafts'

/**
 * The abstract, its highlights and other members' selections; selecting a passage offers to
 * highlight it or to add a note, and is shared with the members on this paper.
 */
export function AbstractSection(props: {
  paper: Paper
  highlights: readonly TextHighlight[]
  peers: readonly PeerSelection[]
}) {
  const context = usePaperContext()
  const { view } = context
  let text: HTMLParagraphElement | undefined
  let wrap!: HTMLDivElement
  let floating: HTMLElement | undefined
  const tracked = createTextSelection(() => text)
  const [composing, setComposing] = createSignal<TextSelection>()
  // True while the editor shows a note kept from an earlier visit rather than one just asked for.
  const [restored, setRestored] = createSignal(false)
  const pending = () => composing() ?? tracked.selection()
  const colours = createMemo(() => highlightColours(context.myColour()))
  const [chosen, setChosen] = createSignal<string>()
  const colour = () => chosen() ?? colours()[0]?.value ?? DEFAULT_HIGHLIGHT

  const shared = createMemo(
    () => {
      const range = pending()
      return range && { start: range.start, end: range.end }
    },
    undefined,
    { equals: (a, b) => a?.start === b?.start && a?.end === b?.end },
  )
  createEffect(() => view.presence.setSelection(shared()))

  const [placement, setPlacement] = createSignal<Placement>('docked')
  createEffect(() => {
    const range = pending()
    if (!range || context.narrow()) return setPlacement('docked')
    const box = wrap.getBoundingClientRect()
    const width = floating?.offsetWidth ?? 0
    const left = Math.min(range.rect.left - box.left, box.width - width)
    setPlacement({ top: range.rect.bottom - box.top + 8, left: Math.max(0, left) })
  })

  // A new note left unsaved (a reload, a cancel, a crash) comes back open on its passage.
  onMount(() => {
    const kept = keptNote(context.drafts, props.paper.abstract.length)
    if (!view.canWrite || !kept || !text) return
    const box = text.getBoundingClientRect()
    const rect = { top: box.top, bottom: box.bottom, left: box.left, right: box.right }
    setRestored(true)
    setComposing({ ...kept, rect })
  })

  const finish = () => {
    setRestored(false)
    setComposing(undefined)
    tracked.clear()
    text?.focus({ preventScroll: true })
  }
  const create = (note: string) => {
    const range = pending()
    if (!range) return false
    const paper = props.paper
    const input = {
      paperId: paper.id,
      target: { source: paper.id, ...selectorsFor(paper.abstract, range.start, range.end) },
      colour: colour(),
      note,
    }
    const made = view.actions.run((doc, actor) => addAnnotation(doc, actor, input))
    if (!made) return false
    finish()
    context.select(made.id)
    context.announce(note.trim() ? 'Note added.' : 'Passage highlighted.')
    return true
  }
  const quoteOf = (range: TextSelection) => props.paper.abstract.slice(range.start, range.end)

  return (
    <div class="abstract" ref={wrap}>
      <AbstractText
        text={props.paper.abstract}
        highlights={props.highlights}
        peers={props.peers}
        selectedId={context.selectedId()}
        frozen={pending() !== undefined}
        onActivate={(id) => context.focusInPanel(id)}
        ref={(element) => (text = element)}
      />
      <Show when={view.canWrite && !composing() && tracked.selection()}>
        <SelectionToolbar
          ref={(element) => (floating = element)}
          placement={placement()}
          colours={colours()}
          colour={colour()}
          onColour={setChosen}
          onHighlight={() => create('')}
          onAddNote={() => {
            setRestored(false)
            setComposing(tracked.selection())
          }}
          onDismiss={finish}
        />
      </Show>
      <Show when={view.canWrite && composing()}>
        {(range) => (
          <section
            ref={(element) => (floating = element)}
            class="note-composer"
            classList={{ docked: placement() === 'docked' }}
            style={placementStyle(placement())}
            aria-label="New note"
          >
            <blockquote class="composer-quote">{quoteOf(range())}</blockquote>
            <NoteEditor
              label="Note"
              initial=""
              saveLabel="Save note"
              drafts={context.drafts}
              draftKey={newNoteKey(range())}
              autofocus={!restored()}
              onSave={create}
              onCancel={finish}
            >
              <ColourSwatches
                colours={colours()}
                value={colour()}
                onChange={setChosen}
                legend="Highlight colour"
              />
            </NoteEditor>
          </section>
        )}
      </Show>
    </div>
  )
}

const NEW_NOTE = /^new:(\d+)-(\d+)$/

function newNoteKey(range: { start: number; end: number }): string {
  return `new:${range.start}-${range.end}`
}

/** The first passage (in text order) with an unsaved new note that still fits the text. */
function keptNote(drafts: Drafts, length: number): { start: number; end: number } | undefined {
  let first: { start: number; end: number } | undefined
  for (const key of drafts.keys()) {
    const match = NEW_NOTE.exec(key)
    if (!match || !drafts.read(key)?.trim()) continue
    const [start, end] = [Number(match[1]), Number(match[2])]
    if (start < end && end <= length && (!first || start < first.start)) first = { start, end }
  }
  return first
}
