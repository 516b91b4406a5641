import { Show } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { localDay } from '../format/date'
import { MeetingScreen } from '../components/meetings/MeetingScreen'
import { KeepAgendaOffline } from '../components/pdf/KeepAgendaOffline'

/** One meeting's page: remade for each meeting, so that its notes bind to that meeting's. */
export function MeetingPage(props: {
  view: GroupView
  meetingId: string
  /** The reader's day as `YYYY-MM-DD`; today in local time unless a test fixes it. */
  today?: string
}) {
  return (
    <Show when={props.meetingId} keyed>
      {(meetingId) => (
        <>
          <MeetingScreen
            view={props.view}
            meetingId={meetingId}
            today={props.today ?? localDay()}
          />
          <KeepAgendaOffline view={props.view} meetingId={meetingId} />
        </>
      )}
    </Show>
  )
}
