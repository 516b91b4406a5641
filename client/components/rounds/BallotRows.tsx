import { Show, untrack } from 'solid-js'
import { createSortable, maybeTransformStyle } from '@thisbeyond/solid-dnd'
import { NOT_RANKED } from './ballot-order'

/** What a ranked paper's buttons do. */
export type RowControl = 'up' | 'down' | 'remove' | 'rank'

interface Paper {
  id: string
  label: string
  title: string
}

/**
 * The grip a pointer drags a row by. Only the grip starts a drag, so that taps on the row's
 * buttons never do; it is hidden from assistive technology, which uses the buttons instead.
 */
function Grip(props: { sortable: ReturnType<typeof createSortable>; title: string }) {
  return (
    <span
      class="drag-grip"
      aria-hidden="true"
      title={`Drag “${props.title}”`}
      data-testid="drag-grip"
      // Read at the press: the pointer sensor registers itself after the rows first render.
      onPointerDown={(event) => props.sortable.dragActivators.onpointerdown?.(event)}
    >
      ⠿
    </span>
  )
}

/**
 * A 44 px button of a ranked row. "Disabled" only says so (aria-disabled): a real disabled button
 * would drop the keyboard focus that has just followed the paper to the top or bottom.
 */
function RowButton(props: {
  control: RowControl
  label: string
  text: string
  disabled: boolean
  onPress: (keyboard: boolean) => void
}) {
  return (
    <button
      type="button"
      class="icon-button"
      data-control={props.control}
      aria-label={props.label}
      title={props.label}
      aria-disabled={props.disabled ? 'true' : undefined}
      // A click with no pointer behind it (detail 0) came from Enter or Space.
      onClick={(event) => props.onPress(event.detail === 0)}
    >
      <span aria-hidden="true">{props.text}</span>
    </button>
  )
}

/** A paper on my ballot: its place, and buttons to move it up, down or off the ballot. */
export function RankedRow(props: {
  paper: Paper
  place: number
  count: number
  onControl: (control: RowControl, keyboard: boolean) => void
}) {
  // Rows are keyed by paper: one row never changes paper.
  const sortable = createSortable(untrack(() => props.paper.id))
  return (
    <li
      ref={sortable.ref}
      class="ballot-row"
      classList={{ 'is-dragged': sortable.isActiveDraggable }}
      style={maybeTransformStyle(sortable.transform)}
      data-paper-id={props.paper.id}
      data-testid="ballot-ranked"
    >
      <Grip sortable={sortable} title={props.paper.title} />
      <span class="ballot-place" aria-hidden="true">
        {props.place}
      </span>
      <span class="ballot-paper">
        <span class="candidate-label" aria-hidden="true">
          {props.paper.label}
        </span>{' '}
        <span class="ballot-title">{props.paper.title}</span>
      </span>
      <span class="ballot-buttons">
        <RowButton
          control="up"
          label={`Move “${props.paper.title}” up`}
          text="↑"
          disabled={props.place === 1}
          onPress={(keyboard) => props.onControl('up', keyboard)}
        />
        <RowButton
          control="down"
          label={`Move “${props.paper.title}” down`}
          text="↓"
          disabled={props.place === props.count}
          onPress={(keyboard) => props.onControl('down', keyboard)}
        />
        <RowButton
          control="remove"
          label={`Remove “${props.paper.title}” from my ranking`}
          text="✕"
          disabled={false}
          onPress={(keyboard) => props.onControl('remove', keyboard)}
        />
      </span>
    </li>
  )
}

/** A candidate I have not ranked: tapping it ranks it next. */
export function UnrankedRow(props: { paper: Paper; onRank: (keyboard: boolean) => void }) {
  // Rows are keyed by paper: one row never changes paper.
  const sortable = createSortable(untrack(() => props.paper.id))
  return (
    <li
      ref={sortable.ref}
      class="ballot-row unranked"
      classList={{ 'is-dragged': sortable.isActiveDraggable }}
      style={maybeTransformStyle(sortable.transform)}
      data-paper-id={props.paper.id}
      data-testid="ballot-unranked"
    >
      <Grip sortable={sortable} title={props.paper.title} />
      <button
        type="button"
        class="ballot-rank"
        data-control="rank"
        aria-label={`Rank “${props.paper.title}”`}
        onClick={(event) => props.onRank(event.detail === 0)}
      >
        <span class="ballot-plus" aria-hidden="true">
          +
        </span>
        <span class="ballot-paper">
          <span class="candidate-label">{props.paper.label}</span>{' '}
          <span class="ballot-title">{props.paper.title}</span>
        </span>
      </button>
    </li>
  )
}

/** The "Not ranked" heading: a drop target too, since what is dragged above it is ranked. */
export function NotRankedHeading(props: { count: number }) {
  const sortable = createSortable(NOT_RANKED)
  return (
    <h4
      ref={sortable.ref}
      class="ballot-divider"
      style={maybeTransformStyle(sortable.transform)}
      data-testid="not-ranked"
    >
      Not ranked
      <Show when={props.count > 0}> ({props.count})</Show>
    </h4>
  )
}
