import { For, Show, createMemo, createSignal, createUniqueId } from 'solid-js'
import { addTag, removeTag, type PaperTag } from '../../../shared/model'
import { formatCount } from '../../format/count'
import { usePaperContext } from './paper-context'

/** The paper's tags; members add them (suggesting the group's tags, most used first) and remove them. */
export function PaperTags(props: {
  tags: readonly PaperTag[]
  counts: ReadonlyArray<{ tag: string; count: number }>
}) {
  const context = usePaperContext()
  const { view } = context
  const inputId = createUniqueId()
  const listId = createUniqueId()
  const [draft, setDraft] = createSignal('')
  const suggestions = createMemo(() => {
    const here = new Set(props.tags.map((tag) => tag.tag))
    return props.counts.filter((entry) => !here.has(entry.tag))
  })
  const add = (event: SubmitEvent) => {
    event.preventDefault()
    const tag = draft()
    const added = view.actions.run((doc, actor) => addTag(doc, actor, context.paperId(), tag))
    // Refused (an empty or too long tag): the text stays for the member to fix.
    if (added) {
      setDraft('')
      context.announce(`Tagged “${added.tag}”.`)
    }
  }
  const remove = (tag: string) => {
    // Undo puts the tag back on this paper, whichever paper is shown when it is clicked.
    const paperId = context.paperId()
    if (!view.actions.run((doc, actor) => removeTag(doc, actor, paperId, tag))) return
    context.offerUndo(`Tag “${tag}” removed.`, () =>
      view.actions.run((doc, actor) => addTag(doc, actor, paperId, tag)),
    )
  }

  return (
    <div class="paper-tags">
      <Show when={props.tags.length > 0} fallback={<p class="empty">No tags yet.</p>}>
        <ul class="tags" aria-label="Tags">
          <For each={props.tags}>
            {(tag) => (
              <li class="tag">
                {tag.tag}
                <Show when={view.canWrite}>
                  <button
                    type="button"
                    class="tag-remove"
                    aria-label={`Remove tag ${tag.tag}`}
                    onClick={() => remove(tag.tag)}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={view.canWrite}>
        <form class="tag-form" onSubmit={add}>
          <label for={inputId} class="visually-hidden">
            Add a tag
          </label>
          <input
            id={inputId}
            type="text"
            list={listId}
            placeholder="Add a tag"
            autocomplete="off"
            value={draft()}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <datalist id={listId}>
            <For each={suggestions()}>
              {(entry) => (
                <option value={entry.tag}>{formatCount(entry.count, 'paper', 'papers')}</option>
              )}
            </For>
          </datalist>
          <button type="submit" class="secondary">
            Add tag
          </button>
        </form>
      </Show>
    </div>
  )
}
