import { For, Show, createSignal } from 'solid-js'
import type { TagMode } from '../../data/library-query'
import { formatCount } from '../../format/count'

/**
 * Filter by tags: a button that shows a checkbox per tag (with how many papers carry it) and
 * whether papers need all of the chosen tags or any one; the chosen tags stay visible as chips
 * that take the tag out of the filter.
 */
export function TagFilter(props: {
  tags: readonly { tag: string; count: number }[]
  chosen: readonly string[]
  mode: TagMode
  onToggle: (tag: string) => void
  onMode: (mode: TagMode) => void
}) {
  const [open, setOpen] = createSignal(false)
  let toggle: HTMLButtonElement | undefined
  // Chosen tags that no paper carries any more stay listed, so they can be unticked.
  const listed = () => [
    ...props.tags,
    ...props.chosen
      .filter((tag) => !props.tags.some((t) => t.tag === tag))
      .map((tag) => ({ tag, count: 0 })),
  ]
  const close = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    setOpen(false)
    toggle?.focus()
  }
  return (
    <div class="tag-filter">
      <button
        ref={toggle}
        type="button"
        class="secondary tag-toggle"
        aria-expanded={open()}
        aria-controls="tag-panel"
        onClick={() => setOpen(!open())}
      >
        Tags
        <Show when={props.chosen.length > 0}> ({props.chosen.length})</Show>
        <span aria-hidden="true">{open() ? ' ▴' : ' ▾'}</span>
      </button>
      <Show when={open()}>
        <div id="tag-panel" class="tag-panel" role="group" aria-label="Tags" onKeyDown={close}>
          <fieldset class="tag-mode">
            <legend>Show papers with</legend>
            <label>
              <input
                type="radio"
                name="tag-mode"
                value="all"
                checked={props.mode === 'all'}
                onChange={() => props.onMode('all')}
              />
              all chosen tags
            </label>
            <label>
              <input
                type="radio"
                name="tag-mode"
                value="any"
                checked={props.mode === 'any'}
                onChange={() => props.onMode('any')}
              />
              any chosen tag
            </label>
          </fieldset>
          <ul class="tag-options">
            <For each={listed()}>
              {(option) => (
                <li>
                  <label>
                    <input
                      type="checkbox"
                      checked={props.chosen.includes(option.tag)}
                      onChange={() => props.onToggle(option.tag)}
                    />
                    <span class="tag">{option.tag}</span>
                    <span class="tag-count">{formatCount(option.count, 'paper', 'papers')}</span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <Show when={props.chosen.length > 0}>
        <ul class="chosen-tags" aria-label="Chosen tags">
          <For each={props.chosen}>
            {(tag) => (
              <li>
                <button
                  type="button"
                  class="chip-button"
                  aria-label={`Stop filtering by ${tag}`}
                  onClick={() => {
                    props.onToggle(tag)
                    // The chip goes away: keep keyboard users next to it.
                    toggle?.focus()
                  }}
                >
                  {tag} <span aria-hidden="true">×</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
