import { For, Show, createMemo, createSignal, createUniqueId } from 'solid-js'
import type { LibraryItem } from '../../data/create-library'
import { formatAuthors } from '../../format/authors'
import { formatCount } from '../../format/count'
import { filterPapers } from './paper-filter'

/** More than a phone screen of checkboxes only hides the ones a member is looking for. */
const SHOWN = 50

/**
 * Papers picked by hand: a text filter over the library (Enter there picks the one paper found,
 * and never submits the form) and a checkbox per paper. Papers the round already puts on the
 * agenda show as chosen. A pick the agenda has no room for is refused by `onPick` with a
 * message, shown here.
 */
export function PaperPicker(props: {
  papers: readonly LibraryItem[]
  picked: readonly string[]
  /** Papers on the agenda from the round. */
  fromRound: ReadonlySet<string>
  /** Picks (true) or unpicks a paper; returns why a pick is refused. */
  onPick: (paperId: string, pick: boolean) => string | undefined
}) {
  const filterField = createUniqueId()
  const [text, setText] = createSignal('')
  const [refusal, setRefusal] = createSignal('')
  const matches = createMemo(() => filterPapers(props.papers, text()))
  const shown = () => matches().slice(0, SHOWN)
  const isPicked = (id: string) => props.picked.includes(id)

  // Enter in the filter never plans a meeting half chosen: it picks the one paper found, as a
  // keyboard shortcut for its box.
  const pickOnly = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return
    event.preventDefault()
    const [only, more] = matches()
    if (!only || more || isPicked(only.id) || props.fromRound.has(only.id)) return
    setRefusal(props.onPick(only.id, true) ?? '')
  }

  const toggle = (id: string, box: HTMLInputElement) => {
    const why = props.onPick(id, box.checked) ?? ''
    if (why) box.checked = false
    setRefusal(why)
  }

  return (
    <fieldset class="plan-part">
      <legend>Papers picked by hand</legend>
      <Show
        when={props.papers.length > 0}
        fallback={<p class="plan-hint">The library has no papers yet.</p>}
      >
        <div class="plan-field">
          <label for={filterField}>Filter the library by title or author</label>
          <input
            id={filterField}
            type="search"
            autocomplete="off"
            value={text()}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={pickOnly}
          />
        </div>
        <p class="plan-hint" role="status">
          {formatCount(props.picked.length, 'paper', 'papers')} picked;{' '}
          {formatCount(matches().length, 'paper matches', 'papers match')} the filter.
        </p>
        <Show when={refusal()}>
          <p class="plan-error" role="alert">
            {refusal()}
          </p>
        </Show>
        <ul class="picker-list" aria-label="Library papers">
          <For each={shown()}>
            {(item) => (
              <li>
                <label>
                  <input
                    type="checkbox"
                    checked={isPicked(item.id) || props.fromRound.has(item.id)}
                    disabled={props.fromRound.has(item.id)}
                    onChange={(event) => toggle(item.id, event.currentTarget)}
                  />
                  <span class="picker-paper">
                    <span class="picker-title">{item.paper.title}</span>
                    <span class="picker-meta">
                      {props.fromRound.has(item.id)
                        ? 'On the agenda from the round'
                        : formatAuthors(item.paper.authors, 2)}
                    </span>
                  </span>
                </label>
              </li>
            )}
          </For>
        </ul>
        <Show when={matches().length > SHOWN}>
          <p class="plan-hint">
            {formatCount(matches().length - SHOWN, 'more paper matches', 'more papers match')}: type
            more of a title or an author to find it.
          </p>
        </Show>
      </Show>
    </fieldset>
  )
}
