import { For, Show, createMemo } from 'solid-js'
import type { RoundView } from '../../../shared/model'
import { formatCount } from '../../format/count'
import { joinNames } from '../paper/member-list'
import { explainResult } from './explain-result'
import { PairwiseTable } from './PairwiseTable'
import { placeText } from './round-labels'
import type { CandidatePaper } from './round-papers'

const SHORT = 48

function shortTitle(title: string): string {
  if (title.length <= SHORT) return title
  const cut = title.slice(0, SHORT)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SHORT / 2)).replace(/[\s,:;.-]+$/, '')}…`
}

const SCHULZE_URL = 'https://en.wikipedia.org/wiki/Schulze_method'

/**
 * The group ranking of a round, who voted, why the winner won, and the head-to-head and
 * strongest-chain tables behind it (docs/ranking.md). Ballots are not shown one by one: only
 * who voted, and the counts.
 */
export function RoundResult(props: {
  round: RoundView
  paperOf: (id: string) => CandidatePaper
  hrefOf: (paperId: string) => string
  nameOf: (memberId: string) => string
}) {
  const voters = createMemo(() =>
    Object.keys(props.round.ballots)
      .map((id) => props.nameOf(id))
      .sort((a, b) => a.localeCompare(b)),
  )
  // Sentences name papers again and again: by their letter and the start of the title.
  const quoted = (id: string) => {
    const paper = props.paperOf(id)
    return `${paper.label} “${shortTitle(paper.title)}”`
  }
  const explanation = createMemo(() => explainResult(props.round.result, voters().length, quoted))

  return (
    <section class="round-result" aria-labelledby="result-heading" data-testid="round-result">
      <h3 id="result-heading">{props.round.closed ? 'Result' : 'Group ranking so far'}</h3>
      <p class="result-ballots" data-testid="result-ballots">
        {formatCount(voters().length, 'ballot', 'ballots')}
        <Show when={voters().length > 0}> from {joinNames(voters())}</Show>
        {props.round.closed
          ? ', counted when the round was closed.'
          : '. The ranking changes as members vote.'}
      </p>
      <Show when={props.round.result.ranking.length > 0}>
        <ol class="result-ranking" aria-label="Group ranking, best first">
          <For each={props.round.result.ranking}>
            {(entry) => (
              <li data-testid="result-row" data-place={entry.place} data-tied={entry.tied}>
                <span class="result-place">{placeText(entry.place, entry.tied)}</span>
                <span class="candidate-label" aria-hidden="true">
                  {props.paperOf(entry.candidate).label}
                </span>
                <a href={props.hrefOf(entry.candidate)}>{props.paperOf(entry.candidate).title}</a>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <div class="result-why" data-testid="result-why">
        <For each={explanation()}>{(sentence) => <p>{sentence}</p>}</For>
        <p>
          <a href={SCHULZE_URL} target="_blank" rel="noopener noreferrer">
            How the Schulze method ranks ballots
          </a>
        </p>
      </div>
      <Show when={props.round.result.candidates.length > 1 && voters().length > 0}>
        <PairwiseTable
          id="pairwise"
          result={props.round.result}
          values={props.round.result.pairwise}
          caption="Head to head: how many ballots rank the row’s paper above the column’s. ▲ marks the winner of each pair."
          paperOf={props.paperOf}
        />
        <details class="result-strongest">
          <summary>Strongest chains of wins</summary>
          <PairwiseTable
            id="strongest"
            result={props.round.result}
            values={props.round.result.strongest}
            caption="The strength of the strongest chain of head-to-head wins from the row’s paper to the column’s (a chain is as strong as its weakest win; 0: no chain). A paper ranks above another when its chain to it is stronger than the chain back."
            paperOf={props.paperOf}
          />
        </details>
      </Show>
    </section>
  )
}
