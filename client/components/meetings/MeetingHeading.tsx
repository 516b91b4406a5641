import { Show, createEffect, createSignal } from 'solid-js'
import type { Meeting } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { roundHref } from '../../app/route'
import { relativeDay } from './meeting-dates'
import { meetingName } from './MeetingCard'
import { EditMeetingForm } from './EditMeetingForm'

/**
 * The meeting's day and title, how far off it is and the round it came from; when `editable` (a
 * writer, and the meeting not deleted), they are changed here.
 */
export function MeetingHeading(props: {
  view: GroupView
  meeting: Meeting
  editable: boolean
  roundTitle: string | undefined
  today: string
}) {
  const [editing, setEditing] = createSignal(false)
  // A meeting deleted meanwhile closes the form: restoring it does not bring back a stale one.
  createEffect(() => {
    if (!props.editable) setEditing(false)
  })
  let heading: HTMLHeadingElement | undefined
  let editButton: HTMLButtonElement | undefined
  const close = (focus: 'heading' | 'button') => {
    setEditing(false)
    // The form that held focus is gone: land where the change shows, or back on the button.
    if (focus === 'heading') heading?.focus()
    else editButton?.focus()
  }

  return (
    <div class="meeting-head">
      <h2 id="meeting-heading" ref={heading} tabIndex={-1}>
        {meetingName(props.meeting)}
      </h2>
      <p class="meeting-meta">
        <time datetime={props.meeting.date}>{relativeDay(props.meeting.date, props.today)}</time>
        <Show when={props.meeting.roundId}>
          {(roundId) => (
            <>
              {' · '}
              Agenda from the round{' '}
              <a href={roundHref(props.view.groupId, roundId())}>
                {props.roundTitle ?? 'a round not on this device yet'}
              </a>
            </>
          )}
        </Show>
      </p>
      <Show when={props.editable}>
        <Show
          when={editing()}
          fallback={
            <button
              type="button"
              class="secondary"
              ref={editButton}
              onClick={() => setEditing(true)}
            >
              Change date or title
            </button>
          }
        >
          <EditMeetingForm
            view={props.view}
            meeting={props.meeting}
            onDone={() => close('heading')}
            onCancel={() => close('button')}
          />
        </Show>
      </Show>
    </div>
  )
}
