import { For, Show, createMemo, createSignal } from 'solid-js'
import { MAX_CANDIDATES, type RoundView } from '../../../shared/model'
import type { LibraryItem } from '../../data/create-library'
import { formatCount } from '../../format/count'
import { CandidatePicker } from './CandidatePicker'
import type { CandidatePaper } from './round-papers'

/** An open round's candidates, for writers: remove one, or add papers of the library. */
export function RoundCandidates(props: {
  round: RoundView
  library: readonly LibraryItem[]
  paperOf: (id: string) => CandidatePaper
  hrefOf: (paperId: string) => string
  /** Adds the papers in order, up to a refused write (the page says why); how many it added. */
  onAdd: (paperIds: string[]) => number
  onRemove: (paperId: string) => void
}) {
  const [chosen, setChosen] = createSignal<string[]>([])
  const [adding, setAdding] = createSignal(false)
  const [status, setStatus] = createSignal('')
  const offered = createMemo(() => {
    const candidates = new Set(props.round.candidates)
    return props.library.filter((entry) => !candidates.has(entry.paper.id))
  })
  let toggle: HTMLButtonElement | undefined
  const done = () => {
    setAdding(false)
    toggle?.focus()
  }
  const room = () => Math.max(0, MAX_CANDIDATES - props.round.candidates.length)
  const add = (event: SubmitEvent) => {
    event.preventDefault()
    const ids = chosen()
    if (ids.length === 0) return
    const added = props.onAdd(ids)
    // What a refusal stopped stays chosen, to try again.
    setChosen(ids.slice(added))
    if (added > 0) setStatus(`Added ${formatCount(added, 'paper', 'papers')} to the round.`)
  }

  return (
    <section class="round-candidates" aria-labelledby="candidates-heading">
      <h3 id="candidates-heading" tabIndex={-1}>
        Candidates ({props.round.candidates.length})
      </h3>
      <p class="visually-hidden" role="status" aria-live="polite">
        {status()}
      </p>
      <ul class="candidate-list">
        <For each={props.round.candidates}>
          {(id) => (
            <li data-testid="candidate-row">
              <span class="candidate-label" aria-hidden="true">
                {props.paperOf(id).label}
              </span>
              <a href={props.hrefOf(id)}>{props.paperOf(id).title}</a>
              <button
                type="button"
                class="secondary candidate-remove"
                aria-label={`Remove “${props.paperOf(id).title}” from the round`}
                onClick={() => props.onRemove(id)}
              >
                Remove
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show
        when={adding()}
        fallback={
          <button
            ref={toggle}
            type="button"
            class="secondary"
            onClick={() => {
              setAdding(true)
              document.getElementById('add-candidate-filter')?.focus()
            }}
          >
            Add papers
          </button>
        }
      >
        <form class="add-candidates" aria-label="Add papers to the round" onSubmit={add}>
          <CandidatePicker
            id="add-candidate"
            papers={offered()}
            chosen={chosen()}
            onChange={setChosen}
            max={room()}
            fullText={`A round can have at most ${MAX_CANDIDATES} candidates.`}
          />
          <div class="round-form-actions">
            <button type="submit" disabled={chosen().length === 0}>
              Add {formatCount(chosen().length, 'paper', 'papers')}
            </button>
            <button type="button" class="secondary" onClick={done}>
              Done
            </button>
          </div>
        </form>
      </Show>
    </section>
  )
}
