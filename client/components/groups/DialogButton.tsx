import { Show, createSignal, createUniqueId, untrack, type JSX } from 'solid-js'
import '../../styles/groups.css'

/** What the content of a DialogButton's dialog is given. */
export interface DialogControls {
  /** The id the dialog's heading must carry: it names the dialog. */
  headingId: string
  close: () => void
}

/**
 * A secondary button that opens its content in a modal dialog, named by the content's heading.
 * The content is made when the dialog first opens (and then kept, with what was typed in it):
 * the header's dialogs cost nothing to a page's first render.
 */
export function DialogButton(props: {
  label: string
  /** Classes for the dialog besides `group-dialog`. */
  class?: string
  children: (dialog: DialogControls) => JSX.Element
}) {
  let dialog: HTMLDialogElement | undefined
  const controls: DialogControls = { headingId: createUniqueId(), close: () => dialog?.close() }
  const [opened, setOpened] = createSignal(false)
  const open = () => {
    // Made before showModal(), which focuses the content's first control.
    setOpened(true)
    dialog?.showModal()
  }
  return (
    <>
      <button type="button" class="secondary" aria-haspopup="dialog" onClick={open}>
        {props.label}
      </button>
      <dialog
        class={props.class ? `group-dialog ${props.class}` : 'group-dialog'}
        aria-labelledby={opened() ? controls.headingId : undefined}
        ref={(element) => (dialog = element)}
      >
        <Show when={opened()}>{untrack(() => props.children(controls))}</Show>
      </dialog>
    </>
  )
}
