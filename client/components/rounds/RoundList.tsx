import { For, Show } from 'solid-js'
import type { RoundListItem } from '../../data/rounds'
import { formatCount } from '../../format/count'
import { formatDate, isoDate } from '../../format/date'
import { RoundState } from './RoundState'

/** The group's rounds, newest first, each leading to its page. */
export function RoundList(props: {
  rounds: readonly RoundListItem[]
  hrefOf: (roundId: string) => string
  /** This device's member, to say whether they have voted; undefined on a read-only link. */
  me: string | undefined
}) {
  return (
    <ul class="round-list" aria-label="Rounds, newest first">
      <For each={props.rounds}>
        {(round) => (
          <li class="round-item" data-testid="round-item">
            <div class="round-item-head">
              <a class="round-link" href={props.hrefOf(round.id)}>
                {round.title}
              </a>
              <RoundState closed={round.closed} />
            </div>
            <p class="round-facts">
              <Show when={round.meetingDate}>
                {(date) => (
                  <span>
                    Meeting <time datetime={isoDate(date())}>{formatDate(date())}</time>
                  </span>
                )}
              </Show>
              <span>{formatCount(round.voters.length, 'ballot', 'ballots')}</span>
              <Show when={props.me}>
                {(me) => (
                  <span class="round-my-vote">
                    {round.voters.includes(me()) ? 'You have voted' : 'You have not voted'}
                  </span>
                )}
              </Show>
            </p>
          </li>
        )}
      </For>
    </ul>
  )
}
