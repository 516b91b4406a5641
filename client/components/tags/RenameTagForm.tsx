import { Show, createSignal, onMount } from 'solid-js'
import { normalizeTag, renameTag } from '../../../shared/model'
import type { GroupActions } from '../../data/group-actions'

/** What a rename did, for the page to announce. */
export interface RenameResult {
  from: string
  to: string
  merged: boolean
}

/** The canonical name typed, or undefined while it is not a valid tag. */
function typedTag(text: string): string | undefined {
  try {
    return normalizeTag(text)
  } catch {
    return undefined
  }
}

/**
 * Renames one tag, or merges it into another when the name typed is a tag already. A refused
 * rename keeps what was typed and says why next to the field.
 */
export function RenameTagForm(props: {
  tag: string
  /** Every tag of the group, for suggestions and to tell a merge from a rename. */
  names: readonly string[]
  listId: string
  actions: GroupActions
  onDone: (result: RenameResult) => void
  onCancel: () => void
}) {
  const [text, setText] = createSignal('')
  const [problem, setProblem] = createSignal<string>()
  let input: HTMLInputElement | undefined
  onMount(() => input?.focus())
  const target = () => typedTag(text())
  const merging = () => {
    const name = target()
    return name !== undefined && name !== props.tag && props.names.includes(name)
  }
  const fieldId = () => `rename-tag-${props.tag.replace(/\W+/g, '-')}`

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    // The model's message names its field ("to"): a member needs plainer words for this one.
    if (text().trim() === '') {
      setProblem('Type the new name of the tag.')
      input?.focus()
      return
    }
    const merged = merging()
    const from = props.tag
    const wanted = text()
    const to = props.actions.run((doc, actor) => renameTag(doc, actor, from, wanted))
    if (to === undefined) {
      setProblem(props.actions.problem() ?? 'The tag could not be renamed.')
      // Shown here, beside the field: the page-wide alert would say it a second time.
      props.actions.dismiss()
      input?.focus()
      return
    }
    props.onDone({ from, to, merged })
  }

  return (
    <form class="rename-tag" onSubmit={submit}>
      <label for={fieldId()}>New name for “{props.tag}”</label>
      <div class="rename-tag-row">
        <input
          ref={input}
          id={fieldId()}
          type="text"
          list={props.listId}
          autocomplete="off"
          spellcheck={false}
          value={text()}
          aria-invalid={problem() ? 'true' : undefined}
          aria-describedby={problem() ? `${fieldId()}-problem` : undefined}
          onInput={(event) => {
            setText(event.currentTarget.value)
            setProblem(undefined)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') props.onCancel()
          }}
        />
        <button type="submit">{merging() ? `Merge into ${target()}` : 'Rename'}</button>
        <button type="button" class="secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
      <Show when={problem()}>
        <p id={`${fieldId()}-problem`} class="error">
          {problem()}
        </p>
      </Show>
    </form>
  )
}
