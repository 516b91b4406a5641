import { Show, createEffect, createSignal, on, untrack } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { createMeetingData, createMeetingLookups } from '../../data/meetings'
import { meetingsHref } from '../../app/route'
import { UndoToast, type Undoable } from '../UndoToast'
import { AddToAgenda } from './AddToAgenda'
import { AgendaList } from './AgendaList'
import { DeleteMeeting } from './DeleteMeeting'
import { DELETED_HEADING, MeetingDeleted } from './MeetingDeleted'
import { MeetingHeading } from './MeetingHeading'
import { meetingName } from './MeetingCard'
import { MeetingNotes } from './MeetingNotes'
import { ReadyTable } from './ReadyTable'
import '../../styles/meetings.css'

/**
 * One meeting: its day and title, its agenda with presenters, who has read what, and the shared
 * notes. A deleted meeting shows who deleted it, its agenda and its notes, with nothing to change
 * but "Restore the meeting". Made for one meeting id: the page makes a new one for another.
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
  const [said, setSaid] = createSignal('')
  let agendaHeading: HTMLHeadingElement | undefined
  const removed = (undoable: Undoable) => {
    setOffer(undoable)
    // The Remove button that held focus is gone with its paper.
    agendaHeading?.focus()
  }
  const deleted = () => data.value?.meeting.deleted
  const editable = () => props.view.canWrite && !deleted()
  // Set by this member's own delete or restore: the control they used goes with the change.
  let moveFocus = false

  // Deleted or restored, here or by another member: say so, and drop what would change it.
  createEffect(
    on(
      () => (data.value ? deleted() !== undefined : undefined),
      (isDeleted, was) => {
        if (isDeleted === undefined || was === undefined || isDeleted === was) return
        setSaid(isDeleted ? 'This meeting was deleted.' : 'The meeting is restored.')
        if (isDeleted) setOffer(undefined)
        const at = document.activeElement
        const lost = !at || at === document.body || !at.isConnected
        if (moveFocus || lost) {
          document.getElementById(isDeleted ? DELETED_HEADING : 'meeting-heading')?.focus()
        }
        moveFocus = false
      },
    ),
  )

  return (
    <article class="meeting-page" aria-labelledby="meeting-heading">
      <p class="meeting-back">
        <a href={meetingsHref(props.view.groupId)}>All meetings</a>
      </p>
      <p class="visually-hidden" role="status">
        {said()}
      </p>
      <Show
        when={data.value}
        fallback={
          <section class="meeting-missing">
            <h2 id="meeting-heading">Meeting not found</h2>
            <p class="empty">
              {props.view.synced()
                ? 'This meeting is not in the group: the link may be wrong.'
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
              editable={editable()}
              roundTitle={found().roundTitle}
              today={props.today}
            />
            <Show when={found().meeting.deleted}>
              {(mark) => (
                <MeetingDeleted
                  view={props.view}
                  meetingId={props.meetingId}
                  deleted={mark()}
                  lookups={lookups}
                  onRestored={() => (moveFocus = true)}
                />
              )}
            </Show>
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
                editable={editable()}
                lookups={lookups}
                onRemoved={removed}
              />
              <Show when={editable()}>
                <AddToAgenda
                  view={props.view}
                  meetingId={props.meetingId}
                  onAgenda={found().agenda.map((item) => item.paperId)}
                />
              </Show>
            </section>
            {/* Who is ready for a meeting that will not take place does not matter. */}
            <Show when={!deleted()}>
              <section class="meeting-section" aria-labelledby="ready-heading">
                <h3 id="ready-heading">Ready for the meeting</h3>
                <ReadyTable view={props.view} papers={lookups.papersOf(found().agenda)} />
              </section>
            </Show>
            <section class="meeting-section" aria-labelledby="notes-heading">
              <h3 id="notes-heading">Notes</h3>
              <MeetingNotes
                view={props.view}
                meetingId={props.meetingId}
                deleted={deleted() !== undefined}
              />
            </section>
            <Show when={editable()}>
              <DeleteMeeting
                view={props.view}
                meetingId={props.meetingId}
                name={meetingName(found().meeting)}
                onDeleted={() => (moveFocus = true)}
              />
            </Show>
          </>
        )}
      </Show>
      <UndoToast offer={offer()} onClose={() => setOffer(undefined)} />
    </article>
  )
}
