import { Show, createSignal } from 'solid-js'
import { deleteMeeting } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { meetingsHref, replaceHash } from '../../app/route'
import { DialogButton } from '../groups/DialogButton'

/**
 * "Delete meeting", after a confirmation. The model refuses while the notes hold anything, so
 * that nobody's notes go with a meeting; its reason shows in the dialog.
 */
export function DeleteMeeting(props: { view: GroupView; meetingId: string; name: string }) {
  const [problem, setProblem] = createSignal('')
  const confirm = (close: () => void) => {
    const meetingId = props.meetingId
    const done = props.view.actions.run((doc, actor) => {
      deleteMeeting(doc, actor, meetingId)
      return true
    })
    if (!done) {
      setProblem(props.view.actions.problem() ?? 'The meeting could not be deleted.')
      props.view.actions.dismiss()
      return
    }
    close()
    // The meeting's page is gone: the list replaces it in the history too.
    replaceHash(meetingsHref(props.view.groupId))
  }

  return (
    <div class="meeting-delete">
      <DialogButton label="Delete meeting" class="meeting-delete-dialog">
        {(dialog) => (
          <>
            <h2 id={dialog.headingId}>Delete the meeting of {props.name}?</h2>
            <p>
              Its agenda and presenters are deleted for the whole group. The papers stay in the
              library. A meeting with notes cannot be deleted: clear its notes first.
            </p>
            <Show when={problem()}>
              <p class="plan-error" role="alert">
                {problem()}
              </p>
            </Show>
            <div class="form-actions">
              <button type="button" class="danger" onClick={() => confirm(dialog.close)}>
                Delete meeting
              </button>
              <button
                type="button"
                class="secondary"
                autofocus
                onClick={() => {
                  setProblem('')
                  dialog.close()
                }}
              >
                Cancel
              </button>
            </div>
          </>
        )}
      </DialogButton>
    </div>
  )
}
