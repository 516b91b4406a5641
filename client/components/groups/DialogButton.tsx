import { createUniqueId, untrack, type JSX } from 'solid-js'
import '../../styles/groups.css'

/** What the content of a DialogButton's dialog is given. */
export interface DialogControls {
  /** The id the dialog's heading must carry: it names the dialog. */
  headingId: string
  close: () => void
}

/** A secondary button that opens its content in a modal dialog, named by the content's heading. */
export function DialogButton(props: {
  label: string
  /** Classes for the dialog besides `group-dialog`. */
  class?: string
  children: (dialog: DialogControls) => JSX.Element
}) {
  let dialog: HTMLDialogElement | undefined
  const controls: DialogControls = { headingId: createUniqueId(), close: () => dialog?.close() }
  return (
    <>
      <button
        type="button"
        class="secondary"
        aria-haspopup="dialog"
        onClick={() => dialog?.showModal()}
      >
        {props.label}
      </button>
      <dialog
        class={props.class ? `group-dialog ${props.class}` : 'group-dialog'}
        aria-labelledby={controls.headingId}
        ref={(element) => (dialog = element)}
      >
        {untrack(() => props.children(controls))}
      </dialog>
    </>
  )
}
