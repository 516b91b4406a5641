import { Show, createSignal, untrack } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { createMeetingData, createMeetingLookups } from '../../data/meetings'
import { meetingsHref } from '../../app/route'
import { UndoToast, type Undoable } from '../UndoToast'
import { AddToAgenda } from './AddToAgenda'
import { AgendaList } from './AgendaList'
import { DeleteMeeting } from './DeleteMeeting'
import { MeetingHeading } from './MeetingHeading'
import { meetingName } from './MeetingCard'
import { MeetingNotes } from './MeetingNotes'
import { ReadyTable } from './ReadyTable'
import '../../styles/meetings.css'

/**
 * One meeting: its day and title, its agenda with presenters, who has read what, and the shared
 * notes. Made for one meeting id: the page makes a new one for another meeting.
 */
export function MeetingScreen(props: { view: GroupView; meetingId: string; today: string }) {
  // Read once: the page makes a new screen for another meeting.
  const view = untrack(() => props.view)
  const data = createMeetingData(
    view,
    untrack(() => props.meetingId),
  )
  const lookups = createMeetingLookups(view)
  const [offer, setOffer] = createSignal<Undoable>()
  let agendaHeading: HTMLHeadingElement | undefined
  const removed = (undoable: Undoable) => {
    setOffer(undoable)
    // The Remove button that held focus is gone with its paper.
    agendaHeading?.focus()
  }

  return (
    <article class="meeting-page" aria-labelledby="meeting-heading">
      <p class="meeting-back">
        <a href={meetingsHref(props.view.groupId)}>All meetings</a>
      </p>
      <Show
        when={data.value}
        fallback={
          <section class="meeting-missing">
            <h2 id="meeting-heading">Meeting not found</h2>
            <p class="empty">
              {props.view.synced()
                ? 'This meeting is not in the group: it may have been deleted.'
                : 'This meeting is not on this device yet. It will appear once the group has synced.'}
            </p>
          </section>
        }
      >
        {(found) => (
          <>
            <MeetingHeading
              view={props.view}
              meeting={found().meeting}
              roundTitle={found().roundTitle}
              today={props.today}
            />
            <Show when={!props.view.canWrite}>
              <p class="read-only-note">
                Your link is read-only: you can see the meeting and follow its notes, but not change
                its agenda, presenters or notes.
              </p>
            </Show>
            <section class="meeting-section" aria-labelledby="agenda-heading">
              <h3 id="agenda-heading" ref={agendaHeading} tabIndex={-1}>
                Agenda
              </h3>
              <AgendaList
                view={props.view}
                meetingId={props.meetingId}
                agenda={found().agenda}
                lookups={lookups}
                onRemoved={removed}
              />
              <Show when={props.view.canWrite}>
                <AddToAgenda
                  view={props.view}
                  meetingId={props.meetingId}
                  onAgenda={found().agenda.map((item) => item.paperId)}
                />
              </Show>
            </section>
            <section class="meeting-section" aria-labelledby="ready-heading">
              <h3 id="ready-heading">Ready for the meeting</h3>
              <ReadyTable view={props.view} papers={lookups.papersOf(found().agenda)} />
            </section>
            <section class="meeting-section" aria-labelledby="notes-heading">
              <h3 id="notes-heading">Notes</h3>
              <MeetingNotes view={props.view} meetingId={props.meetingId} />
            </section>
            <Show when={props.view.canWrite}>
              <DeleteMeeting
                view={props.view}
                meetingId={props.meetingId}
                name={meetingName(found().meeting)}
              />
            </Show>
          </>
        )}
      </Show>
      <UndoToast offer={offer()} onClose={() => setOffer(undefined)} />
    </article>
  )
}
