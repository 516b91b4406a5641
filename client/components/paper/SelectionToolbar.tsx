import type { HighlightColour } from './highlight-colours'
import { ColourSwatches } from './ColourSwatches'

/** Where a floating panel goes: below the selection on a desktop, docked at the bottom on a phone. */
export type Placement = { top: number; left: number } | 'docked'

/** Inline style for a placement (CSSOM, so the CSP allows it). */
export function placementStyle(placement: Placement) {
  return placement === 'docked'
    ? undefined
    : { top: `${placement.top}px`, left: `${placement.left}px` }
}

/** What can be done with the passage just selected: highlight it, in a colour, or add a note. */
export function SelectionToolbar(props: {
  placement: Placement
  colours: readonly HighlightColour[]
  colour: string
  onColour: (colour: string) => void
  onHighlight: () => void
  onAddNote: () => void
  onDismiss: () => void
  ref?: (element: HTMLDivElement) => void
}) {
  return (
    <div
      ref={props.ref}
      role="group"
      aria-label="Selected passage"
      class="selection-toolbar"
      classList={{ docked: props.placement === 'docked' }}
      style={placementStyle(props.placement)}
      // Keeps the selection in the text while the member clicks in here.
      onMouseDown={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onDismiss()
      }}
    >
      <button type="button" onClick={() => props.onHighlight()}>
        Highlight
      </button>
      <ColourSwatches
        colours={props.colours}
        value={props.colour}
        onChange={(colour) => props.onColour(colour)}
        legend="Highlight colour"
      />
      <button type="button" class="secondary" onClick={() => props.onAddNote()}>
        Add note
      </button>
    </div>
  )
}
