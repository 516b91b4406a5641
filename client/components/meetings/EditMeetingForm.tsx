import { Show, createSignal, onMount, untrack } from 'solid-js'
import { updateMeeting, type Meeting } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { parseDay } from './meeting-dates'
import { MeetingDayFields } from './MeetingDayFields'

/**
 * Changes a meeting's date and title in place. A day that is not a date is refused before
 * anything is written; a refusal keeps what was typed and says why.
 */
export function EditMeetingForm(props: {
  view: GroupView
  meeting: Meeting
  onDone: () => void
  onCancel: () => void
}) {
  // The form edits the meeting as it was when opened; another member's change shows once closed.
  const [date, setDate] = createSignal(untrack(() => props.meeting.date))
  const [title, setTitle] = createSignal(untrack(() => props.meeting.title))
  const [problem, setProblem] = createSignal('')
  const [dateProblem, setDateProblem] = createSignal('')
  let dateInput: HTMLInputElement | undefined
  onMount(() => dateInput?.focus())

  const save = (event: SubmitEvent) => {
    event.preventDefault()
    const day = parseDay(date())
    if (!day) {
      setDateProblem('Choose the day of the meeting: that is not a date.')
      dateInput?.focus()
      return
    }
    const changes: { date?: string; title?: string } = {}
    if (day !== props.meeting.date) changes.date = day
    if (title().trim() !== props.meeting.title) changes.title = title().trim()
    if (Object.keys(changes).length === 0) return props.onDone()
    const id = props.meeting.id
    const saved = props.view.actions.run((doc, actor) => updateMeeting(doc, actor, id, changes))
    if (!saved) {
      setProblem(props.view.actions.problem() ?? 'The meeting could not be changed.')
      props.view.actions.dismiss()
      return
    }
    props.onDone()
  }

  return (
    <form
      class="edit-meeting"
      aria-label="Date and title of the meeting"
      onSubmit={save}
      noValidate
    >
      <MeetingDayFields
        date={date()}
        onDate={(value) => {
          setDate(value)
          setDateProblem('')
        }}
        dateProblem={dateProblem()}
        title={title()}
        onTitle={setTitle}
        dateRef={(input) => (dateInput = input)}
        onEscape={() => props.onCancel()}
      />
      <Show when={problem()}>
        <p class="plan-error" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="plan-actions">
        <button type="submit">Save</button>
        <button type="button" class="secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  )
}
