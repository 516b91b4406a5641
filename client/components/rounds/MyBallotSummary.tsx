import { For } from 'solid-js'
import type { CandidatePaper } from './round-papers'

/** My ballot in a closed round, as it was counted: no controls, since it cannot change. */
export function MyBallotSummary(props: {
  ranking: readonly string[]
  paperOf: (id: string) => CandidatePaper
}) {
  return (
    <section class="ballot" aria-labelledby="ballot-heading">
      <h3 id="ballot-heading">My ballot, as counted</h3>
      <ol class="ballot-summary">
        <For each={props.ranking}>
          {(id) => (
            <li>
              <span class="candidate-label" aria-hidden="true">
                {props.paperOf(id).label}
              </span>{' '}
              {props.paperOf(id).title}
            </li>
          )}
        </For>
      </ol>
    </section>
  )
}
