import { For, Show } from 'solid-js'
import type { LibraryEntry } from '../../shared/model'
import { formatCount } from '../format/count'
import { PaperCard } from './PaperCard'

/** The group's papers, newest first. */
export function LibraryList(props: { entries: readonly LibraryEntry[] }) {
  return (
    <section class="library" aria-labelledby="library-heading">
      <div class="section-heading">
        <h2 id="library-heading">Library</h2>
        <p class="library-count">{formatCount(props.entries.length, 'paper', 'papers')}</p>
      </div>
      <Show
        when={props.entries.length > 0}
        fallback={<p class="empty">No papers yet. Papers the group adds will appear here.</p>}
      >
        <ol class="paper-list">
          <For each={props.entries}>
            {(entry) => (
              <li>
                <PaperCard entry={entry} />
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  )
}
