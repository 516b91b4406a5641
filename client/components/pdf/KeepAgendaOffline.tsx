import { Show, createUniqueId, untrack } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { createMeetingData } from '../../data/meetings'
import { KeepAllOffline } from './KeepAllOffline'

/** Keeps the PDFs of a meeting's agenda on this device: "everything for Thursday". */
export function KeepAgendaOffline(props: { view: GroupView; meetingId: string }) {
  const headingId = createUniqueId()
  // Read once: the page makes a new one of these for another meeting.
  const data = createMeetingData(
    untrack(() => props.view),
    untrack(() => props.meetingId),
  )
  // A deleted meeting will not take place: nothing to read for it.
  const paperIds = () =>
    data.value && !data.value.meeting.deleted ? data.value.agenda.map((item) => item.paperId) : []

  return (
    <Show when={paperIds().length > 0}>
      <section class="keep-agenda" aria-labelledby={headingId}>
        <h3 id={headingId}>Read offline</h3>
        <p>Keep the PDFs of the agenda's papers on this device, to read them with no network.</p>
        <KeepAllOffline view={props.view} paperIds={paperIds} what="the agenda" />
      </section>
    </Show>
  )
}
