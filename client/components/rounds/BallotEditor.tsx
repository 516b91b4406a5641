import { For, Show, createMemo, createSignal } from 'solid-js'
import {
  DragDropProvider,
  DragDropSensors,
  SortableProvider,
  closestCenter,
  type DragEventHandler,
} from '@thisbeyond/solid-dnd'
import type { RoundView } from '../../../shared/model'
import { NOT_RANKED, describeMove, moveItem, rankingAfterDrop } from './ballot-order'
import { NotRankedHeading, RankedRow, UnrankedRow, type RowControl } from './BallotRows'
import type { CandidatePaper } from './round-papers'

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i])

/**
 * My ballot in an open round: the papers I ranked, best first, and the others. Ranked by tapping
 * (a tap ranks a paper next), by the Up / Down / Remove buttons (which the keyboard reaches too)
 * or by dragging a row's grip. Every change is written at once; what shows is always read back
 * from the round, so my other device's changes and removed candidates show as they arrive.
 */
export function BallotEditor(props: {
  round: RoundView
  me: string
  paperOf: (id: string) => CandidatePaper
  /** Writes my ballot; false when the write was refused (the page says why). */
  setBallot: (ranking: string[]) => boolean
  /** My ballot was cleared; `previous` is what it held, to offer undo. */
  onCleared: (previous: string[]) => void
}) {
  const ranked = createMemo(() => [...(props.round.ballots[props.me] ?? [])], [], {
    equals: sameList,
  })
  const unranked = createMemo(
    () => props.round.candidates.filter((id) => !ranked().includes(id)),
    [],
    { equals: sameList },
  )
  const ids = createMemo(() => [...ranked(), NOT_RANKED, ...unranked()])
  const [announcement, setAnnouncement] = createSignal('')
  const [dragging, setDragging] = createSignal(false)
  let section: HTMLElement | undefined
  let heading: HTMLHeadingElement | undefined
  const title = (id: string) => props.paperOf(id).title

  /** Focuses a control of the paper's row once the list shows the change. */
  const focusLater = (id: string, control: RowControl, keyboard: boolean) => {
    // The round's projection re-renders in a microtask queued by the write, before this one.
    queueMicrotask(() => {
      const row = [...(section?.querySelectorAll<HTMLElement>('[data-paper-id]') ?? [])].find(
        (element) => element.dataset.paperId === id,
      )
      row
        ?.querySelector<HTMLElement>(`[data-control="${control}"]`)
        ?.focus({ preventScroll: !keyboard })
    })
  }
  const change = (next: string[], id: string, focus?: [RowControl, boolean]) => {
    const before = ranked()
    if (!props.setBallot(next)) return
    setAnnouncement(describeMove(before, next, id, title(id)))
    if (focus) focusLater(id, ...focus)
  }
  const onControl = (id: string, control: RowControl, keyboard: boolean) => {
    const list = ranked()
    const at = list.indexOf(id)
    if (control === 'remove')
      return change(
        list.filter((other) => other !== id),
        id,
        ['rank', keyboard],
      )
    const to = control === 'up' ? at - 1 : at + 1
    if (to < 0 || to >= list.length) {
      setAnnouncement(`“${title(id)}” is already ${to < 0 ? 'first' : 'last'}.`)
      return
    }
    change(moveItem(list, at, to), id, [control, keyboard])
  }
  const rank = (id: string, keyboard: boolean) => change([...ranked(), id], id, ['up', keyboard])
  const clear = () => {
    const previous = ranked()
    if (!props.setBallot([])) return
    setAnnouncement('Your ballot is cleared.')
    props.onCleared(previous)
    // The button goes away with the ranking.
    heading?.focus()
  }
  const onDragEnd: DragEventHandler = ({ draggable, droppable }) => {
    setDragging(false)
    if (!droppable) return
    const id = String(draggable.id)
    const next = rankingAfterDrop(ranked(), unranked(), id, String(droppable.id))
    if (next) change(next, id)
  }

  return (
    <section
      ref={section}
      class="ballot"
      classList={{ 'is-dragging': dragging() }}
      aria-labelledby="ballot-heading"
    >
      <h3 id="ballot-heading" ref={heading} tabIndex={-1}>
        My ballot
      </h3>
      <p class="ballot-hint">
        Tap the papers in the order you prefer them, best first; reorder them with the arrows or by
        dragging <span aria-hidden="true">⠿</span>. Your ballot is saved as you go. Papers you leave
        unranked count below every paper you rank.
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show
        when={props.round.candidates.length > 0}
        fallback={<p class="empty">There is nothing to rank yet: the round has no candidates.</p>}
      >
        <DragDropProvider
          onDragStart={() => setDragging(true)}
          onDragEnd={onDragEnd}
          collisionDetector={closestCenter}
        >
          <DragDropSensors />
          <SortableProvider ids={ids()}>
            <Show when={ranked().length === 0}>
              <p class="ballot-empty">Nothing ranked yet.</p>
            </Show>
            <ol class="ballot-list" aria-label="My ranking, best first">
              <For each={ranked()}>
                {(id, index) => (
                  <RankedRow
                    paper={props.paperOf(id)}
                    place={index() + 1}
                    count={ranked().length}
                    onControl={(control, keyboard) => onControl(id, control, keyboard)}
                  />
                )}
              </For>
            </ol>
            <NotRankedHeading count={unranked().length} />
            <Show
              when={unranked().length > 0}
              fallback={<p class="ballot-empty">You have ranked every paper.</p>}
            >
              <ul class="ballot-list" aria-label="Not ranked">
                <For each={unranked()}>
                  {(id) => (
                    <UnrankedRow
                      paper={props.paperOf(id)}
                      onRank={(keyboard) => rank(id, keyboard)}
                    />
                  )}
                </For>
              </ul>
            </Show>
          </SortableProvider>
        </DragDropProvider>
      </Show>
      <Show when={ranked().length > 0}>
        <button type="button" class="secondary ballot-clear" onClick={clear}>
          Clear my ballot
        </button>
      </Show>
    </section>
  )
}
