import { Show } from 'solid-js'

/** The library before anyone added a paper. */
export function NoPapers(props: { canWrite: boolean; onAdd: () => void }) {
  return (
    <div class="feed-empty">
      <p>No papers yet.</p>
      <Show
        when={props.canWrite}
        fallback={<p class="empty">Papers the group adds will appear here.</p>}
      >
        <p class="empty">
          Paste this week's trending papers, arXiv ids or links, or a BibTeX file, and the group can
          vote and read together.
        </p>
        <button type="button" data-add-papers onClick={() => props.onAdd()}>
          Add papers
        </button>
      </Show>
    </div>
  )
}

/** A search or filter that keeps no paper. */
export function NoResults(props: { text: string; filters: boolean; onClear: () => void }) {
  const message = () => {
    const text = props.text.trim()
    if (!text) return 'No papers match these filters.'
    return props.filters
      ? `No papers match “${text}” with these filters.`
      : `No papers match “${text}”.`
  }
  return (
    <div class="feed-empty">
      <p>{message()}</p>
      <button type="button" class="secondary" onClick={() => props.onClear()}>
        Clear filters
      </button>
    </div>
  )
}
