import { createSignal, createUniqueId, onMount, untrack, type JSX } from 'solid-js'
import type { Drafts } from '../thread/drafts'

/**
 * A note being written: Markdown in a textarea; Ctrl/Cmd+Enter saves, Escape cancels. The text
 * stays when a save is refused, and is kept as a draft (under `draftKey`) until saved or cancelled.
 */
export function NoteEditor(props: {
  label: string
  initial: string
  saveLabel: string
  drafts: Drafts
  draftKey: string
  onSave: (note: string) => boolean
  onCancel: () => void
  children?: JSX.Element
}) {
  const id = createUniqueId()
  const hint = createUniqueId()
  const [text, setText] = createSignal(
    untrack(() => props.drafts.read(props.draftKey) ?? props.initial),
  )
  let area!: HTMLTextAreaElement
  onMount(() => area.focus())

  // Saving or cancelling may unmount the editor: its key is read before.
  const save = () => {
    const key = props.draftKey
    if (props.onSave(text())) props.drafts.clear(key)
  }
  const cancel = () => {
    props.drafts.clear(props.draftKey)
    props.onCancel()
  }

  return (
    <form
      class="note-editor"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      {props.children}
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        ref={area}
        aria-describedby={hint}
        value={text()}
        onInput={(event) => {
          setText(event.currentTarget.value)
          props.drafts.write(props.draftKey, event.currentTarget.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            save()
          } else if (event.key === 'Escape') {
            event.preventDefault()
            event.stopPropagation()
            cancel()
          }
        }}
      />
      <p id={hint} class="note-hint">
        Markdown and $math$ work. Ctrl+Enter saves, Escape cancels.
      </p>
      <div class="note-buttons">
        <button type="submit">{props.saveLabel}</button>
        <button type="button" class="secondary" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
