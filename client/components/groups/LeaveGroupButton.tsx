import { Show, untrack } from 'solid-js'
import { inviteLink } from '../../../shared/invite'
import { createLeaveCheck, leaveGroup } from '../../data/leave-group'
import { replaceHash } from '../../app/route'
import { DialogButton } from './DialogButton'
import { InviteLinkField } from './InviteLinkField'
import '../../styles/groups.css'

/**
 * "Leave group", with a confirmation that says what leaving does: this device's copy is deleted,
 * the other members keep theirs, and the invite link joins again.
 */
export function LeaveGroupButton(props: { groupId: string; groupName: string }) {
  // Read once: a group's page is remounted for another group.
  const check = createLeaveCheck(untrack(() => props.groupId))

  const leave = (close: () => void) => {
    close()
    // Going home unmounts the group's pages, which lets go of its databases before they are
    // deleted. A deletion that fails is retried on the next visit to the home page.
    leaveGroup(props.groupId, () => replaceHash('#')).catch(() => undefined)
  }

  return (
    <DialogButton label="Leave group" class="leave-dialog">
      {(dialog) => (
        <>
          <h2 id={dialog.headingId}>Leave “{props.groupName}”?</h2>
          <p>
            This removes the group from this device: its papers, annotations, discussions and your
            read marks here are deleted.
          </p>
          <p>
            The other members keep their copies, and what you added stays in the group. You can
            rejoin at any time by opening an invite link again.
          </p>
          <Show when={!check.upToDate()}>
            <p class="leave-warning">
              This device is not up to date with the server right now. Anything you did in this
              group since it was last online has not reached the others yet, and leaving now would
              lose it.
            </p>
          </Show>
          <Show when={check.key}>
            {(key) => (
              <InviteLinkField
                label="Your link to rejoin"
                link={inviteLink(location.origin, props.groupId, key())}
              >
                <p>Keep it if you may come back: it gives the same access you have now.</p>
              </InviteLinkField>
            )}
          </Show>
          <div class="form-actions">
            <button type="button" class="danger" onClick={() => leave(dialog.close)}>
              Leave group
            </button>
            <button type="button" class="secondary" autofocus onClick={() => dialog.close()}>
              Cancel
            </button>
          </div>
        </>
      )}
    </DialogButton>
  )
}
