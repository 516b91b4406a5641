import { Show, createSignal, createUniqueId, onMount, untrack, type JSX } from 'solid-js'
import type { Drafts } from '../thread/drafts'
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
  // An editor belongs to one draft for its whole life, so its key is read once.
  const draftKey = untrack(() => props.draftKey)
  const kept = untrack(() => props.drafts.read(draftKey))
  const initial = untrack(() => props.initial)
  const [text, setText] = createSignal(kept ?? initial)
  const [restored, setRestored] = createSignal(kept !== undefined && kept !== initial)
  let area!: HTMLTextAreaElement
  onMount(() => {
    if (props.autofocus !== false) area.focus()
  })

  const save = () => {
    if (props.onSave(text())) props.drafts.clear(draftKey)
  }
  const cancel = () => {
    // Only a draft with something new in it is worth bringing back.
    if (text() === initial || text().trim() === '') props.drafts.clear(draftKey)
    props.onCancel()
  }
  const discard = () => {
    props.drafts.clear(draftKey)
    setText(initial)
    setRestored(false)
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
        value={text()}
        onInput={(event) => {
          setText(event.currentTarget.value)
          props.drafts.write(draftKey, event.currentTarget.value)
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
        <Show when={restored()}>Your unsaved text is back. </Show>
        Markdown and $math$ work. Ctrl+Enter saves, Escape closes and keeps your text.
      </p>
      <div class="note-buttons">
        <button type="submit">{props.saveLabel}</button>
        <button type="button" class="secondary" onClick={cancel}>
          Cancel
        </button>
        <Show when={restored()}>
          <button type="button" class="link-button" onClick={discard}>
            Discard draft
          </button>
        </Show>
      </div>
    </form>
  )
}
