import { For, Show, createMemo, createSignal, untrack } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { tagCounts } from '../data/library-query'
import { filterLibraryByTag } from '../data/library-query-state'
import { groupHref } from '../app/route'
import { TagRow } from '../components/tags/TagRow'
import type { RenameResult } from '../components/tags/RenameTagForm'
import { KeepTagOffline } from '../components/pdf/KeepTagOffline'
import '../styles/tags.css'

const LIST_ID = 'group-tag-names'

/** Every tag of the group, most used first, each leading to its papers; writers rename and merge. */
export function TagsPage(props: { view: GroupView }) {
  const groupId = untrack(() => props.view.groupId)
  // The library's tags resolve renames and count each paper once, whatever its other records.
  const counts = createMemo(() => tagCounts(props.view.library.value))
  const names = createMemo(
    () => counts().map((entry) => entry.tag),
    undefined,
    // Rows are keyed by name: an unchanged list keeps open forms and what was typed in them.
    { equals: (a, b) => a.length === b.length && a.every((name, i) => name === b[i]) },
  )
  const countOf = (tag: string) => counts().find((entry) => entry.tag === tag)?.count ?? 0
  const [announcement, setAnnouncement] = createSignal('')
  let heading: HTMLHeadingElement | undefined

  const renamed = (result: RenameResult) => {
    setAnnouncement(
      result.merged
        ? `Merged “${result.from}” into “${result.to}”.`
        : `Renamed “${result.from}” to “${result.to}”.`,
    )
    // The row that held focus is gone with the old name.
    heading?.focus()
  }

  return (
    <section class="tags-page" aria-labelledby="tags-heading">
      <div class="page-head">
        <h2 id="tags-heading" ref={heading} tabIndex={-1}>
          Tags
        </h2>
        <a href={groupHref(groupId)}>Back to the library</a>
      </div>
      <Show when={!props.view.canWrite}>
        <p class="read-only-note">
          Your link is read-only: you can see the group's tags but not rename or merge them.
        </p>
      </Show>
      <p class="tags-announcement" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show
        when={names().length > 0}
        fallback={
          <p class="empty">
            No tags yet. Tag papers on their pages to group them; the tags will be listed here.
          </p>
        }
      >
        <datalist id={LIST_ID}>
          <For each={names()}>{(name) => <option value={name} />}</For>
        </datalist>
        <ul class="tag-list" aria-label="Tags, most used first">
          <For each={names()}>
            {(name) => (
              <TagRow
                tag={name}
                count={countOf(name)}
                href={groupHref(groupId)}
                onShow={() => filterLibraryByTag(groupId, name)}
                names={names()}
                listId={LIST_ID}
                actions={props.view.canWrite ? props.view.actions : undefined}
                onRenamed={renamed}
              />
            )}
          </For>
        </ul>
        <KeepTagOffline view={props.view} tags={names()} />
      </Show>
    </section>
  )
}
