import { createSignal, createUniqueId, onCleanup, type JSX } from 'solid-js'

const MESSAGE_MS = 5_000

/** One invite link: what it grants, the link in a read-only field, and a Copy button. */
export function InviteLinkField(props: { label: string; link: string; children: JSX.Element }) {
  const inputId = createUniqueId()
  const [message, setMessage] = createSignal('')
  let input: HTMLInputElement | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))

  const say = (text: string) => {
    clearTimeout(timer)
    setMessage(text)
    timer = setTimeout(() => setMessage(''), MESSAGE_MS)
  }
  const copy = async () => {
    try {
      // Missing outside secure contexts, and refused without permission: fall back to selection.
      await navigator.clipboard.writeText(props.link)
      say('Copied')
    } catch {
      input?.focus()
      input?.select()
      say('The link is selected: copy it with Ctrl+C (⌘C on a Mac) or your device’s Copy.')
    }
  }

  return (
    <div class="invite-link">
      <label for={inputId} class="invite-link-label">
        {props.label}
      </label>
      <div class="invite-link-description" id={`${inputId}-description`}>
        {props.children}
      </div>
      <div class="invite-link-row">
        <input
          id={inputId}
          ref={(element) => (input = element)}
          type="text"
          readOnly
          value={props.link}
          spellcheck={false}
          aria-describedby={`${inputId}-description`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="secondary" onClick={() => void copy()}>
          Copy<span class="visually-hidden"> {props.label.toLowerCase()}</span>
        </button>
      </div>
      <p class="copy-message" aria-live="polite">
        {message()}
      </p>
    </div>
  )
}
