import { Show, createUniqueId, onMount, untrack, type JSX } from 'solid-js'
import type { Drafts } from '../thread/drafts'
import { createDraftText } from '../thread/create-draft-text'
import { DiscardDraftButton } from '../thread/DiscardDraftButton'
import '../../styles/note-editor.css'

/**
 * A note being written: Markdown in a textarea; Ctrl/Cmd+Enter saves, Escape cancels. What is
 * typed is kept as a draft (under `draftKey`) until saved: a refused save or a cancel loses
 * nothing, and reopening the editor brings the text back, with a way to discard it.
 */
export function NoteEditor(props: {
  label: string
  initial: string
  saveLabel: string
  drafts: Drafts
  draftKey: string
  onSave: (note: string) => boolean
  onCancel: () => void
  /** Move the keyboard into the editor when it opens. Default true. */
  autofocus?: boolean
  children?: JSX.Element
}) {
  const id = createUniqueId()
  const hint = createUniqueId()
  const draft = untrack(() => createDraftText(props.drafts, props.draftKey, props.initial))
  let area!: HTMLTextAreaElement
  onMount(() => {
    if (props.autofocus !== false) area.focus()
  })

  const save = () => {
    if (props.onSave(draft.text())) draft.saved()
  }
  const cancel = () => {
    draft.closed()
    props.onCancel()
  }
  const discard = () => {
    draft.discard()
    area.focus()
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
        value={draft.text()}
        onInput={(event) => draft.input(event.currentTarget.value)}
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
        <Show when={draft.restored()}>Your unsaved text is back. </Show>
        Markdown and $math$ work. Ctrl+Enter saves, Escape closes and keeps your text.
      </p>
      <div class="note-buttons">
        <button type="submit">{props.saveLabel}</button>
        <button type="button" class="secondary" onClick={cancel}>
          Cancel
        </button>
        <DiscardDraftButton draft={draft} onDiscard={discard} />
      </div>
    </form>
  )
}
