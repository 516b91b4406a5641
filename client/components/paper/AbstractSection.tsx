import { Show, createEffect, createMemo, createSignal, onMount } from 'solid-js'
import {
  addAnnotation,
  selectorsFor,
  type Paper,
  type TextPositionSelector,
} from '../../../shared/model'
import { AbstractText, type PeerSelection, type TextHighlight } from './AbstractText'
import { createTextSelection, type TextSelection } from './create-text-selection'
import { DEFAULT_HIGHLIGHT, highlightColours } from './highlight-colours'
import { SelectionToolbar, type Placement } from './SelectionToolbar'
import { FindPassage } from './FindPassage'
import { NoteComposer } from './NoteComposer'
import { usePaperContext } from './paper-context'
import { textRange } from './text-range'
import type { Drafts } from '../thread/drafts'

/**
 * The abstract, its highlights and other members' selections; selecting a passage (with the
 * pointer, or by finding its words from the keyboard) offers to highlight it or to add a note,
 * and is shared with the members on this paper.
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
  let finder: HTMLInputElement | undefined
  const tracked = createTextSelection(() => text)
  const [composing, setComposing] = createSignal<TextSelection>()
  // True while the editor shows a note kept from an earlier visit rather than one just asked for.
  const [restored, setRestored] = createSignal(false)
  const pending = () => composing() ?? tracked.selection()
  // The passage last selected with the finder, whose keyboard user goes back to it when done.
  const [found, setFound] = createSignal<TextPositionSelector>()
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
    if (context.narrow()) return setPlacement('docked')
    // Waiting in the corner, not docked across the screen, so that it shows up measured at the
    // width it has where it floats.
    if (!range) return setPlacement({ top: 0, left: 0 })
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
    const [range, back] = [pending(), found()]
    const fromFinder = back && range?.start === back.start && range.end === back.end
    setFound(undefined)
    setRestored(false)
    setComposing(undefined)
    tracked.clear()
    ;(fromFinder && finder ? finder : text)?.focus({ preventScroll: true })
  }
  const showFound = (passage: TextPositionSelector) => {
    if (composing()) return 'Save or cancel the note you are writing first.'
    const range = text && textRange(text, passage.start, passage.end)
    if (!range) return 'That passage is no longer in the abstract.'
    reveal(range)
    setFound(passage)
    tracked.select(range)
    wrap.querySelector<HTMLElement>('.selection-toolbar button')?.focus()
    return undefined
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
    <>
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
            <NoteComposer
              ref={(element) => (floating = element)}
              placement={placement()}
              quote={quoteOf(range())}
              colours={colours()}
              colour={colour()}
              onColour={setChosen}
              drafts={context.drafts}
              draftKey={newNoteKey(range())}
              autofocus={!restored()}
              onSave={create}
              onCancel={finish}
            />
          )}
        </Show>
      </div>
      <Show when={view.canWrite}>
        <FindPassage
          text={props.paper.abstract}
          onFind={showFound}
          ref={(input) => (finder = input)}
        />
      </Show>
    </>
  )
}

/**
 * Scrolls a found passage into the upper part of the window, below the sticky header and clear
 * of the toolbar that a phone docks at the bottom.
 */
function reveal(range: Range) {
  const box = range.getBoundingClientRect()
  const height = window.innerHeight
  if (box.top < height * 0.15 || box.bottom > height * 0.6) {
    window.scrollBy({ top: box.top - height / 3 })
  }
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
