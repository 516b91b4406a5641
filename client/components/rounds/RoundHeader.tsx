import { Show } from 'solid-js'
import type { RoundView } from '../../../shared/model'
import { formatDate, isoDate } from '../../format/date'
import { RoundState } from './RoundState'

/** A date in the reader's locale, machine-readable too. */
function When(props: { value: string | number }) {
  return <time datetime={isoDate(props.value)}>{formatDate(props.value)}</time>
}

/** The round's question, meeting, who opened and closed it; Close or Reopen for writers. */
export function RoundHeader(props: {
  round: RoundView
  backHref: string
  nameOf: (memberId: string) => string
  /** Undefined on a read-only link: no Close or Reopen. */
  onToggleClosed: (() => void) | undefined
}) {
  const round = () => props.round.round
  return (
    <div class="round-head" data-testid="round-head">
      <a class="round-back" href={props.backHref}>
        All rounds
      </a>
      <div class="round-title-row">
        <h2 id="round-heading" tabIndex={-1}>
          {round().title}
        </h2>
        <RoundState closed={props.round.closed} />
      </div>
      <p class="round-facts">
        <Show when={round().meetingDate}>
          {(date) => (
            <span>
              Meeting <When value={date()} />
            </span>
          )}
        </Show>
        <span>
          Opened by {props.nameOf(round().createdBy)} on <When value={round().created} />
        </span>
      </p>
      <Show when={props.round.closed}>
        <p class="round-closed-note">
          Closed
          <Show when={props.round.closedBy}>{(by) => <> by {props.nameOf(by())}</>}</Show>
          <Show when={props.round.closedAt}>
            {(at) => (
              <>
                {' '}
                on <When value={at()} />
              </>
            )}
          </Show>
          : the result is final and ballots cannot change until the round is reopened.
        </p>
      </Show>
      <Show when={props.onToggleClosed}>
        {(toggle) => (
          <button type="button" class="secondary round-toggle" onClick={() => toggle()()}>
            {props.round.closed ? 'Reopen the round' : 'Close the round'}
          </button>
        )}
      </Show>
    </div>
  )
}
