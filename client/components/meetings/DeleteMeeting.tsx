import { Show, createSignal } from 'solid-js'
import { deleteMeeting } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { DialogButton } from '../groups/DialogButton'

/**
 * "Delete meeting", after a confirmation. The model refuses while the notes hold anything, so
 * that nobody's notes go with a meeting; its reason shows in the dialog. A deleted meeting stays
 * at its address, where its page says so and offers to restore it.
 */
export function DeleteMeeting(props: {
  view: GroupView
  meetingId: string
  name: string
  onDeleted: () => void
}) {
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
    props.onDeleted()
  }

  return (
    <div class="meeting-delete">
      <DialogButton label="Delete meeting" class="meeting-delete-dialog">
        {(dialog) => (
          <>
            <h2 id={dialog.headingId}>Delete the meeting of {props.name}?</h2>
            <p>
              It leaves the list of meetings for the whole group. Its page stays, to restore it with
              its agenda and presenters. The papers stay in the library. A meeting with notes cannot
              be deleted: clear its notes first.
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
