import { Show, createUniqueId } from 'solid-js'
import { LIMITS } from '../../../shared/model'

/**
 * A meeting's day and optional title, as both the planning form and the edit form ask for them:
 * the day's problem, if any, said next to it.
 */
export function MeetingDayFields(props: {
  date: string
  onDate: (value: string) => void
  dateProblem: string
  title: string
  onTitle: (value: string) => void
  titlePlaceholder?: string
  dateRef: (input: HTMLInputElement) => void
  onEscape?: () => void
}) {
  const dateField = createUniqueId()
  const titleField = createUniqueId()
  return (
    <div class="plan-row">
      <div class="plan-field">
        <label for={dateField}>Date</label>
        <input
          ref={props.dateRef}
          id={dateField}
          type="date"
          required
          value={props.date}
          aria-invalid={props.dateProblem ? 'true' : undefined}
          aria-describedby={props.dateProblem ? `${dateField}-problem` : undefined}
          onInput={(event) => props.onDate(event.currentTarget.value)}
        />
        <Show when={props.dateProblem}>
          <p id={`${dateField}-problem`} class="plan-error">
            {props.dateProblem}
          </p>
        </Show>
      </div>
      <div class="plan-field plan-title">
        <label for={titleField}>Title (optional)</label>
        <input
          id={titleField}
          type="text"
          maxLength={LIMITS.title}
          placeholder={props.titlePlaceholder}
          value={props.title}
          onInput={(event) => props.onTitle(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') props.onEscape?.()
          }}
        />
      </div>
    </div>
  )
}
