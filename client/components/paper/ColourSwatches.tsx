import { For, createUniqueId } from 'solid-js'
import type { HighlightColour } from './highlight-colours'

/** Round swatches to pick a highlight colour: one radio group, arrow keys move between them. */
export function ColourSwatches(props: {
  colours: readonly HighlightColour[]
  value: string
  onChange: (colour: string) => void
  legend: string
}) {
  const name = createUniqueId()
  return (
    <fieldset class="colour-swatches">
      <legend class="visually-hidden">{props.legend}</legend>
      <For each={props.colours}>
        {(colour) => (
          <label class="colour-swatch" title={colour.name}>
            <input
              type="radio"
              name={name}
              value={colour.value}
              checked={colour.value === props.value}
              onChange={() => props.onChange(colour.value)}
            />
            <span class="colour-chip" style={{ 'background-color': colour.value }} />
            <span class="visually-hidden">{colour.name}</span>
          </label>
        )}
      </For>
    </fieldset>
  )
}
