import { For, Show, createEffect, createMemo, createSignal, createUniqueId, on } from 'solid-js'
import { MAX_AGENDA, addToAgenda } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { formatAuthors } from '../../format/authors'
import { formatCount } from '../../format/count'
import { filterPapers } from './paper-filter'

/** Enough to find a paper by a word of its title without a long page of buttons. */
const SHOWN = 8

/**
 * Puts more library papers on the agenda: a filter over the papers not on it yet, each with an
 * Add button. Opened by a button, so that the agenda stays short to read.
 */
export function AddToAgenda(props: {
  view: GroupView
  meetingId: string
  /** Paper ids on the agenda. */
  onAgenda: readonly string[]
}) {
  const filterField = createUniqueId()
  const [open, setOpen] = createSignal(false)
  const [text, setText] = createSignal('')
  const [said, setSaid] = createSignal('')
  let input: HTMLInputElement | undefined
  let fullNote: HTMLParagraphElement | undefined
  let openButton: HTMLButtonElement | undefined
  const full = () => props.onAgenda.length >= MAX_AGENDA
  const matches = createMemo(() =>
    filterPapers(props.view.library.value, text(), new Set(props.onAgenda)),
  )
  // The filter goes when the agenda fills (the paper just added, or another member's): focus
  // goes to the reason, rather than to the page's start, unless the member is already elsewhere.
  createEffect(
    on(
      full,
      (isFull) => {
        const at = document.activeElement
        const lost = !at || at === document.body || !at.isConnected
        if (isFull && open() && lost) fullNote?.focus()
      },
      { defer: true },
    ),
  )

  const add = (paperId: string, title: string) => {
    const meetingId = props.meetingId
    const added = props.view.actions.run((doc, actor) =>
      addToAgenda(doc, actor, meetingId, paperId),
    )
    if (!added) return
    setSaid(`Added “${title}” to the agenda.`)
    // Its button is gone with it: back to the filter, to add another (or, once the agenda shows
    // the paper and is full, to the reason the filter is gone: see the effect above).
    input?.focus()
  }

  const close = () => {
    setOpen(false)
    setSaid('')
    openButton?.focus()
  }

  return (
    <div class="agenda-add">
      <p class="visually-hidden" role="status">
        {said()}
      </p>
      <Show
        when={open()}
        fallback={
          <button
            type="button"
            class="secondary"
            ref={openButton}
            onClick={() => {
              setOpen(true)
              // A full agenda has no filter: its reason takes the focus instead.
              if (full()) fullNote?.focus()
              else input?.focus()
            }}
          >
            Add papers to the agenda
          </button>
        }
      >
        <Show
          when={!full()}
          fallback={
            <p class="plan-hint" ref={fullNote} tabIndex={-1}>
              The agenda is full: it holds at most {MAX_AGENDA} papers. Take one off to add another.
            </p>
          }
        >
          <div class="plan-field">
            <label for={filterField}>Find a library paper to add, by title or author</label>
            <input
              ref={input}
              id={filterField}
              type="search"
              autocomplete="off"
              value={text()}
              onInput={(event) => setText(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') close()
              }}
            />
          </div>
          <Show
            when={matches().length > 0}
            fallback={
              <p class="plan-hint">
                {text().trim()
                  ? 'No paper off the agenda matches.'
                  : 'Every paper of the library is on the agenda.'}
              </p>
            }
          >
            <ul class="agenda-add-list" aria-label="Papers to add">
              <For each={matches().slice(0, SHOWN)}>
                {(item) => (
                  <li>
                    <span class="picker-paper">
                      <span class="picker-title">{item.paper.title}</span>
                      <span class="picker-meta">{formatAuthors(item.paper.authors, 2)}</span>
                    </span>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Add “${item.paper.title}” to the agenda`}
                      onClick={() => add(item.id, item.paper.title)}
                    >
                      Add
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show when={matches().length > SHOWN}>
              <p class="plan-hint">
                {formatCount(matches().length - SHOWN, 'more paper matches', 'more papers match')}:
                type more of a title or an author to find it.
              </p>
            </Show>
          </Show>
        </Show>
        <button type="button" class="secondary" onClick={close}>
          Done adding
        </button>
      </Show>
    </div>
  )
}
