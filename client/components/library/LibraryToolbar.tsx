import { For, Show, onCleanup } from 'solid-js'
import {
  LIBRARY_SORTS,
  type LibrarySort,
  type StatusFilter,
  type TagMode,
} from '../../data/library-query'
import type { LibraryQueryState } from '../../data/library-query-state'
import { TagFilter } from './TagFilter'
import { leavesShortcutsAlone } from './typing-target'

const STATUS_OPTIONS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'any', label: 'Any' },
  { value: 'to-read', label: 'To read' },
  { value: 'reading', label: 'Reading' },
  { value: 'read', label: 'Read' },
  { value: 'none', label: 'No status' },
]

/** Search, order and filters of the feed. "/" anywhere on the page jumps to the search box. */
export function LibraryToolbar(props: {
  state: LibraryQueryState
  tags: readonly { tag: string; count: number }[]
  /** The reading-status filter needs to know who the reader is. */
  showStatus: boolean
}) {
  let search: HTMLInputElement | undefined
  const query = () => props.state.query
  const onDocumentKeyDown = (event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
    if (event.defaultPrevented || leavesShortcutsAlone(event.target)) return
    event.preventDefault()
    search?.focus()
    search?.select()
  }
  document.addEventListener('keydown', onDocumentKeyDown)
  onCleanup(() => document.removeEventListener('keydown', onDocumentKeyDown))

  return (
    <div class="feed-tools" role="search">
      <div class="feed-search">
        <label for="library-search" class="visually-hidden">
          Search papers
        </label>
        <input
          ref={search}
          id="library-search"
          type="search"
          autocomplete="off"
          spellcheck={false}
          placeholder="Search titles, authors, abstracts, comments"
          aria-describedby="library-search-hint"
          value={query().text}
          onInput={(event) => props.state.set('text', event.currentTarget.value)}
        />
        <span id="library-search-hint" class="hint">
          Press <kbd>/</kbd> to search, <kbd>j</kbd> and <kbd>k</kbd> to move between papers.
        </span>
      </div>
      <div class="feed-filters">
        <label class="inline-field">
          <span>Sort</span>
          <select
            value={query().sort}
            onChange={(event) => props.state.set('sort', event.currentTarget.value as LibrarySort)}
          >
            <For each={LIBRARY_SORTS}>
              {(sort) => <option value={sort.value}>{sort.label}</option>}
            </For>
          </select>
        </label>
        <Show when={props.showStatus}>
          <label class="inline-field">
            <span>My status</span>
            <select
              value={query().status}
              onChange={(event) =>
                props.state.set('status', event.currentTarget.value as StatusFilter)
              }
            >
              <For each={STATUS_OPTIONS}>
                {(status) => <option value={status.value}>{status.label}</option>}
              </For>
            </select>
          </label>
        </Show>
        <Show when={props.tags.length > 0 || query().tags.length > 0}>
          <TagFilter
            tags={props.tags}
            chosen={query().tags}
            mode={query().tagMode}
            onToggle={(tag) => props.state.toggleTag(tag)}
            onMode={(mode: TagMode) => props.state.set('tagMode', mode)}
          />
        </Show>
      </div>
    </div>
  )
}
