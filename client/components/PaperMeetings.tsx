import { Show } from 'solid-js'
import { formatDate } from '../format/date'

/**
 * When the group discussed the paper (its latest past meeting) and when it will (its next one),
 * each linking to the meeting.
 */
export function PaperMeetings(props: {
  meetings: ReadonlyArray<{ id: string; date: string }>
  today: string
  meetingHref: (meetingId: string) => string
}) {
  const held = () => props.meetings.filter((meeting) => meeting.date < props.today).at(-1)
  const next = () => props.meetings.find((meeting) => meeting.date >= props.today)
  return (
    <Show when={held() ?? next()}>
      <p class="paper-meetings">
        <Show when={held()}>
          {(meeting) => (
            <a href={props.meetingHref(meeting().id)}>
              Discussed on <time datetime={meeting().date}>{formatDate(meeting().date)}</time>
            </a>
          )}
        </Show>
        <Show when={next()}>
          {(meeting) => (
            <a href={props.meetingHref(meeting().id)}>
              On the agenda for <time datetime={meeting().date}>{formatDate(meeting().date)}</time>
            </a>
          )}
        </Show>
      </p>
    </Show>
  )
}
