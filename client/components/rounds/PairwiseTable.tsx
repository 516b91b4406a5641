import { For, Show, createMemo } from 'solid-js'
import type { SchulzeResult } from '../../../shared/ranking/schulze'
import type { CandidatePaper } from './round-papers'

/**
 * A table of the round's candidates against each other, in the ranking's order: cell [row][col]
 * is `values[row][col]`, and the side that wins each pair (its value larger than the mirror
 * cell's) is marked in bold with ▲ and said in words, not by colour alone. Scrolls sideways in
 * its own box when wider than the screen.
 */
export function PairwiseTable(props: {
  id: string
  result: SchulzeResult
  values: number[][]
  caption: string
  paperOf: (id: string) => CandidatePaper
}) {
  const order = createMemo(() =>
    props.result.ranking.map((entry) => props.result.candidates.indexOf(entry.candidate)),
  )
  const paperAt = (i: number) => props.paperOf(props.result.candidates[i] as string)
  const value = (i: number, j: number) => props.values[i]?.[j] ?? 0

  return (
    <>
      {/* Above the box rather than a <caption>, which would wrap to a narrow table's width. */}
      <p class="pair-caption" id={`${props.id}-caption`}>
        {props.caption}
      </p>
      <div
        class="pair-scroll"
        role="region"
        aria-labelledby={`${props.id}-caption`}
        // Focusable so that a keyboard can scroll a table wider than the screen.
        tabIndex={0}
      >
        <table class="pair-table" id={props.id} aria-labelledby={`${props.id}-caption`}>
          <thead>
            <tr>
              <td />
              <For each={order()}>
                {(j) => (
                  <th scope="col">
                    <abbr title={paperAt(j).title}>{paperAt(j).label}</abbr>
                    <span class="visually-hidden"> {paperAt(j).title}</span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={order()}>
              {(i) => (
                <tr>
                  <th scope="row" title={paperAt(i).title}>
                    <span class="candidate-label">{paperAt(i).label}</span>{' '}
                    <span class="pair-title">{paperAt(i).title}</span>
                  </th>
                  <For each={order()}>
                    {(j) => (
                      <Show
                        when={i !== j}
                        fallback={
                          <td class="pair-self">
                            <span aria-hidden="true">–</span>
                          </td>
                        }
                      >
                        <td classList={{ 'pair-win': value(i, j) > value(j, i) }}>
                          {value(i, j)}
                          <Show when={value(i, j) > value(j, i)}>
                            <span class="pair-mark" aria-hidden="true">
                              ▲
                            </span>
                            <span class="visually-hidden">, wins</span>
                          </Show>
                        </td>
                      </Show>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  )
}
