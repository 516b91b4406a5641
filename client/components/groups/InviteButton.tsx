import { createUniqueId } from 'solid-js'
import { InvitePanel } from './InvitePanel'

/** "Invite": opens the group's invite links in a dialog. */
export function InviteButton(props: { groupId: string; groupKey: string }) {
  const headingId = createUniqueId()
  let dialog: HTMLDialogElement | undefined
  return (
    <>
      <button
        type="button"
        class="secondary"
        aria-haspopup="dialog"
        onClick={() => dialog?.showModal()}
      >
        Invite
      </button>
      <dialog
        class="group-dialog"
        aria-labelledby={headingId}
        ref={(element) => (dialog = element)}
      >
        <div class="dialog-heading">
          <h2 id={headingId}>Invite to the group</h2>
          <button type="button" class="secondary" onClick={() => dialog?.close()}>
            Close
          </button>
        </div>
        <InvitePanel groupId={props.groupId} groupKey={props.groupKey} />
      </dialog>
    </>
  )
}
