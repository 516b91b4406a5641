import { DialogButton } from './DialogButton'
import { InvitePanel } from './InvitePanel'

/** "Invite": opens the group's invite links in a dialog. */
export function InviteButton(props: { groupId: string; groupKey: string }) {
  return (
    <DialogButton label="Invite">
      {(dialog) => (
        <>
          <div class="dialog-heading">
            <h2 id={dialog.headingId}>Invite to the group</h2>
            <button type="button" class="secondary" onClick={() => dialog.close()}>
              Close
            </button>
          </div>
          <InvitePanel groupId={props.groupId} groupKey={props.groupKey} />
        </>
      )}
    </DialogButton>
  )
}
