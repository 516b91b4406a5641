import { For, Show, createUniqueId } from 'solid-js'
import { MAX_AGENDA } from '../../../shared/model'
import type { ClosedRound } from '../../data/meetings'
import type { LibraryItem } from '../../data/create-library'
import { roundsHref } from '../../app/route'
import { formatDay } from './meeting-dates'

/** How many of a round's papers an agenda can take from it. */
export function takeable(round: ClosedRound): number {
  return Math.min(MAX_AGENDA, round.ranking.length)
}

/** The count offered first: the three best, as a weekly meeting discusses a few papers. */
export function defaultCount(round: ClosedRound): number {
  return Math.min(3, takeable(round))
}

/**
 * The closed round an agenda opens with, and how many of its best papers: with the papers that
 * will be on the agenda, in order.
 */
export function RoundChoice(props: {
  groupId: string
  rounds: readonly ClosedRound[]
  roundId: string
  count: number
  paper: (paperId: string) => LibraryItem | undefined
  onRound: (roundId: string) => void
  onCount: (count: number) => void
}) {
  const roundField = createUniqueId()
  const countField = createUniqueId()
  const chosen = () => props.rounds.find((round) => round.id === props.roundId)
  const counts = () => {
    const round = chosen()
    return round ? Array.from({ length: takeable(round) }, (_, i) => i + 1) : []
  }
  const label = (round: ClosedRound) =>
    round.meetingDate ? `${round.title} (for ${formatDay(round.meetingDate)})` : round.title

  return (
    <fieldset class="plan-part">
      <legend>From a closed round</legend>
      <Show
        when={props.rounds.length > 0}
        fallback={
          <p class="plan-hint">
            No closed round has candidates yet. Close a round on the{' '}
            <a href={roundsHref(props.groupId)}>rounds page</a> to put its best papers on an agenda.
          </p>
        }
      >
        <div class="plan-row">
          <div class="plan-field">
            <label for={roundField}>Round</label>
            <select id={roundField} onChange={(event) => props.onRound(event.currentTarget.value)}>
              <option value="" selected={props.roundId === ''}>
                None: pick papers by hand
              </option>
              <For each={props.rounds}>
                {(round) => (
                  <option value={round.id} selected={round.id === props.roundId}>
                    {label(round)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <Show when={chosen()}>
            <div class="plan-field">
              <label for={countField}>How many of its best papers</label>
              <select
                id={countField}
                onChange={(event) => props.onCount(Number(event.currentTarget.value))}
              >
                <For each={counts()}>
                  {(count) => (
                    <option value={String(count)} selected={count === props.count}>
                      {count === counts().length && count > 1 ? `All ${count}` : count}
                    </option>
                  )}
                </For>
              </select>
            </div>
          </Show>
        </div>
        <Show when={chosen()}>
          {(round) => (
            <>
              <p class="plan-hint" id={`${countField}-from`}>
                From “{round().title}”, best first:
              </p>
              <ol class="round-picks" aria-labelledby={`${countField}-from`}>
                <For each={round().ranking.slice(0, props.count)}>
                  {(entry) => (
                    <li>
                      {props.paper(entry.paperId)?.paper.title ?? 'A paper not on this device yet'}
                      <Show when={entry.tied}>
                        <span class="plan-note"> (tied for place {entry.place})</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </>
          )}
        </Show>
      </Show>
    </fieldset>
  )
}
