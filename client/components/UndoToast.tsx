import { Show } from 'solid-js'
import '../styles/undo-toast.css'

/** Something just done that can be taken back. */
export interface Undoable {
  message: string
  undo: () => void
}

/** "Annotation deleted. Undo" at the bottom of the screen, until undone or dismissed. */
export function UndoToast(props: { offer: Undoable | undefined; onClose: () => void }) {
  return (
    // Always in the page, so that screen readers hear each new message.
    <div class="undo-toast-region" role="status" aria-live="polite">
      <Show when={props.offer}>
        {(offer) => (
          <div class="undo-toast">
            <span>{offer().message}</span>
            <button
              type="button"
              onClick={() => {
                offer().undo()
                props.onClose()
              }}
            >
              Undo
            </button>
            <button
              type="button"
              class="secondary"
              aria-label="Dismiss"
              onClick={() => props.onClose()}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        )}
      </Show>
    </div>
  )
}
