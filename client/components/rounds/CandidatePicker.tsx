import { For, Show, createMemo, createSignal } from 'solid-js'
import type { LibraryItem } from '../../data/create-library'
import { formatCount } from '../../format/count'

/** Papers listed at once; a filter finds the others in a large library. */
const SHOWN = 100

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

function matches(entry: LibraryItem, words: readonly string[]): boolean {
  const text = folded([entry.paper.title, ...entry.paper.authors, ...entry.tags].join(' '))
  return words.every((word) => text.includes(word))
}

/**
 * Checkboxes over library papers, most voted first, with a text filter (Enter there ticks the
 * one paper found, and never submits the form): what a round's candidates are picked from. At
 * most `max` can be chosen; the choice keeps the order of ticking, which becomes the round's
 * order.
 */
export function CandidatePicker(props: {
  /** Prefix of the element ids, unique in the page. */
  id: string
  papers: readonly LibraryItem[]
  chosen: readonly string[]
  onChange: (chosen: string[]) => void
  max: number
  /** Said when `max` papers are chosen. */
  fullText: string
}) {
  const [filter, setFilter] = createSignal('')
  const [note, setNote] = createSignal('')
  const byVotes = createMemo(() =>
    // A stable sort: papers with as many votes keep the library's newest-first order.
    [...props.papers].sort((a, b) => b.voters.length - a.voters.length),
  )
  const found = createMemo(() => {
    const words = folded(filter()).split(/\s+/).filter(Boolean)
    return words.length === 0 ? byVotes() : byVotes().filter((entry) => matches(entry, words))
  })
  const shown = () => found().slice(0, SHOWN)
  const full = () => props.chosen.length >= props.max
  const isChosen = (id: string) => props.chosen.includes(id)

  const toggle = (id: string, on: boolean) => {
    setNote('')
    if (!on) props.onChange(props.chosen.filter((chosen) => chosen !== id))
    else if (!isChosen(id) && !full()) props.onChange([...props.chosen, id])
  }
  const chooseShown = () => {
    const wanted = shown()
      .map((entry) => entry.paper.id)
      .filter((id) => !isChosen(id))
    const room = Math.max(0, props.max - props.chosen.length)
    props.onChange([...props.chosen, ...wanted.slice(0, room)])
    setNote(
      wanted.length > room
        ? `Only ${formatCount(room, 'more paper', 'more papers')} could be chosen.`
        : `Chose ${formatCount(wanted.length, 'paper', 'papers')}.`,
    )
  }
  // Enter in the filter never sends the form around it, half filled in: it ticks the one paper
  // found, as a keyboard shortcut for the box below.
  const chooseOnly = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return
    event.preventDefault()
    const [only, more] = found()
    if (!only || more) return
    if (isChosen(only.paper.id)) setNote(`“${only.paper.title}” is already chosen.`)
    else if (!full()) {
      toggle(only.paper.id, true)
      setNote(`Chose “${only.paper.title}”.`)
    }
  }
  const clear = () => {
    props.onChange([])
    setNote('Cleared the choice.')
  }

  return (
    <fieldset class="candidate-picker">
      <legend>Candidates</legend>
      <Show
        when={props.papers.length > 0}
        fallback={<p class="empty">There are no papers to choose from: add papers first.</p>}
      >
        <label class="choose-filter" for={`${props.id}-filter`}>
          <span>Find papers</span>
          <input
            id={`${props.id}-filter`}
            type="search"
            placeholder="Title, author or tag"
            autocomplete="off"
            value={filter()}
            onInput={(event) => setFilter(event.currentTarget.value)}
            onKeyDown={chooseOnly}
          />
        </label>
        <div class="choose-status">
          <p role="status" aria-live="polite">
            <span class="choose-count">
              {formatCount(props.chosen.length, 'paper', 'papers')} chosen.
            </span>{' '}
            <Show when={full()}>
              <span class="choose-full">{props.fullText}</span>
            </Show>{' '}
            {note()}
          </p>
          <div class="choose-tools">
            <Show when={shown().some((entry) => !isChosen(entry.paper.id)) && !full()}>
              <button type="button" class="secondary" onClick={chooseShown}>
                {filter().trim() ? 'Choose all found' : 'Choose all listed'}
              </button>
            </Show>
            <Show when={props.chosen.length > 0}>
              <button type="button" class="secondary" onClick={clear}>
                Clear the choice
              </button>
            </Show>
          </div>
        </div>
        <ul class="choose-list" aria-label="Papers to choose from, most voted first">
          <For each={shown()} fallback={<li class="empty">No paper matches “{filter()}”.</li>}>
            {(entry) => {
              const inputId = () => `${props.id}-${entry.paper.id}`
              return (
                <li>
                  <input
                    id={inputId()}
                    type="checkbox"
                    checked={isChosen(entry.paper.id)}
                    disabled={full() && !isChosen(entry.paper.id)}
                    onChange={(event) => toggle(entry.paper.id, event.currentTarget.checked)}
                  />
                  <label for={inputId()}>
                    <span class="choose-title">{entry.paper.title}</span>
                    <span class="choose-meta">
                      {formatCount(entry.voters.length, 'vote', 'votes')}
                      <Show when={entry.tags.length > 0}> · {entry.tags.join(', ')}</Show>
                    </span>
                  </label>
                </li>
              )
            }}
          </For>
        </ul>
        <Show when={found().length > SHOWN}>
          <p class="choose-more">
            {formatCount(found().length - SHOWN, 'more paper matches', 'more papers match')}: narrow
            the search to see them.
          </p>
        </Show>
      </Show>
    </fieldset>
  )
}
