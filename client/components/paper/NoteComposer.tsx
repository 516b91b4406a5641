import type { JSX } from 'solid-js'
import type { Drafts } from '../thread/drafts'
import { ColourSwatches } from './ColourSwatches'
import type { HighlightColour } from './highlight-colours'
import { NoteEditor } from './NoteEditor'
import { placementStyle, type Placement } from './SelectionToolbar'

/**
 * The new note on a selected passage, floating by it (or docked on a phone): the passage, the
 * note's editor with its draft, and the highlight's colour. The abstract and the PDF reader
 * share it.
 */
export function NoteComposer(props: {
  ref: (element: HTMLElement) => void
  placement: Placement
  quote: string
  colours: readonly HighlightColour[]
  colour: string
  onColour: (colour: string) => void
  drafts: Drafts
  draftKey: string
  autofocus?: boolean
  /** False when the note was refused (it stays in the editor). */
  onSave: (note: string) => boolean
  onCancel: () => void
}): JSX.Element {
  return (
    <section
      ref={(element) => props.ref(element)}
      class="note-composer"
      classList={{ docked: props.placement === 'docked' }}
      style={placementStyle(props.placement)}
      aria-label="New note"
    >
      <blockquote class="composer-quote">{props.quote}</blockquote>
      <NoteEditor
        label="Note"
        initial=""
        saveLabel="Save note"
        drafts={props.drafts}
        draftKey={props.draftKey}
        autofocus={props.autofocus}
        onSave={(note) => props.onSave(note)}
        onCancel={() => props.onCancel()}
      >
        <ColourSwatches
          colours={props.colours}
          value={props.colour}
          onChange={(colour) => props.onColour(colour)}
          legend="Highlight colour"
        />
      </NoteEditor>
    </section>
  )
}
