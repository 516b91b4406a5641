import { Show, createSignal, createUniqueId, onMount, untrack } from 'solid-js'
import { LIMITS } from '../../../shared/model'
import { Markdown } from '../../markdown/Markdown'
import { useThread } from './thread-context'
import { createDraftText } from './create-draft-text'
import { DiscardDraftButton } from './DiscardDraftButton'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent)
const SEND_KEYS = isMac ? '⌘+Enter' : 'Ctrl+Enter'

/**
 * A textarea for a new thread, a reply or an edit. What is typed is kept as a draft until the
 * write goes through, so a refused send (the handler returns false) or a cancel loses nothing;
 * reopening the composer brings the text back, with a way to discard it.
 */
export function Composer(props: {
  label: string
  submitLabel: string
  draftKey: string
  /** The text to start from when there is no draft (an edit starts from the comment). */
  initial?: string
  onSubmit: (body: string) => boolean
  onCancel?: () => void
  autofocus?: boolean
}) {
  const thread = useThread()
  const id = createUniqueId()
  // A composer belongs to one draft for its whole life, so its key is read once.
  const draft = untrack(() => createDraftText(thread.drafts, props.draftKey, props.initial ?? ''))
  const text = draft.text
  const [problem, setProblem] = createSignal<string>()
  const [preview, setPreview] = createSignal(false)
  let textarea!: HTMLTextAreaElement

  onMount(() => {
    if (props.autofocus) textarea.focus()
  })

  const send = () => {
    const body = text()
    if (!body.trim()) {
      setProblem('Write something before sending.')
      setPreview(false)
      textarea.focus()
      return
    }
    if (!props.onSubmit(body)) {
      setProblem('Not sent. Your text is still here.')
      return
    }
    draft.saved()
    setProblem(undefined)
    setPreview(false)
  }
  const cancel = () => {
    draft.closed()
    props.onCancel?.()
  }
  const discard = () => {
    draft.discard()
    setProblem(undefined)
    setPreview(false)
    textarea.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      send()
    } else if (event.key === 'Escape' && props.onCancel) {
      event.preventDefault()
      event.stopPropagation()
      cancel()
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault()
        send()
      }}
    >
      <label for={id} class="composer-label">
        {props.label}
      </label>
      <textarea
        ref={textarea}
        id={id}
        name="body"
        rows={3}
        maxLength={LIMITS.body}
        value={text()}
        hidden={preview()}
        aria-describedby={`${id}-hint${problem() ? ` ${id}-problem` : ''}`}
        aria-invalid={problem() ? true : undefined}
        onInput={(event) => {
          draft.input(event.currentTarget.value)
          setProblem(undefined)
        }}
        onKeyDown={onKeyDown}
      />
      <Show when={preview()}>
        <div class="composer-preview" role="region" aria-label="Preview" onKeyDown={onKeyDown}>
          <Show when={text().trim()} fallback={<p class="empty">Nothing to preview yet.</p>}>
            <Markdown source={text()} />
          </Show>
        </div>
      </Show>
      <p id={`${id}-hint`} class="composer-hint">
        <Show when={draft.restored()}>Your unsaved text is back. </Show>
        Markdown and $math$ work. {SEND_KEYS} sends
        {props.onCancel ? ', Escape cancels.' : '.'}
      </p>
      <Show when={problem()}>
        <p id={`${id}-problem`} class="composer-problem" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="composer-actions">
        <button type="submit">{props.submitLabel}</button>
        <button
          type="button"
          class="secondary"
          aria-pressed={preview()}
          onClick={() => setPreview((on) => !on)}
        >
          Preview
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="secondary" onClick={cancel}>
            Cancel
          </button>
        </Show>
        <DiscardDraftButton draft={draft} onDiscard={discard} />
      </div>
    </form>
  )
}
