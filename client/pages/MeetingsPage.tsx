import { For, Show, createMemo, createSignal, createUniqueId, untrack, type JSX } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import {
  createClosedRounds,
  createMeetingList,
  createMeetingLookups,
  type MeetingItem,
} from '../data/meetings'
import { groupHref } from '../app/route'
import { splitByDay } from '../components/meetings/meeting-dates'
import { localDay } from '../format/date'
import { MeetingCard } from '../components/meetings/MeetingCard'
import { PlanMeetingForm } from '../components/meetings/PlanMeetingForm'
import { ReadyTable } from '../components/meetings/ReadyTable'
import '../styles/meetings.css'

/**
 * The group's meetings: the next one first, with its agenda and who has read what, then the
 * later ones, then the past ones, newest first. Writers plan meetings here.
 */
export function MeetingsPage(props: {
  view: GroupView
  /** The reader's day as `YYYY-MM-DD`; today in local time unless a test fixes it. */
  today?: string
}) {
  const groupId = untrack(() => props.view.groupId)
  const meetings = createMeetingList(untrack(() => props.view))
  const rounds = createClosedRounds(untrack(() => props.view))
  const lookups = createMeetingLookups(untrack(() => props.view))
  const today = () => props.today ?? localDay()
  const split = createMemo(() => splitByDay(meetings.value, today()))
  const [planning, setPlanning] = createSignal(false)
  let planButton: HTMLButtonElement | undefined

  const stopPlanning = () => {
    setPlanning(false)
    planButton?.focus()
  }

  const card = (item: MeetingItem) => (
    <MeetingCard groupId={groupId} item={item} today={today()} lookups={lookups} />
  )
  return (
    <section class="meetings-page" aria-labelledby="meetings-heading">
      <div class="meetings-head">
        <h2 id="meetings-heading">Meetings</h2>
        <a href={groupHref(groupId)}>Back to the library</a>
        <Show when={props.view.canWrite && !planning()}>
          <button type="button" ref={planButton} onClick={() => setPlanning(true)}>
            Plan a meeting
          </button>
        </Show>
      </div>
      <Show when={!props.view.canWrite}>
        <p class="read-only-note">
          Your link is read-only: you can see the meetings, their agendas and notes, but not plan or
          change them.
        </p>
      </Show>
      <Show when={planning()}>
        <PlanMeetingForm
          view={props.view}
          today={today()}
          rounds={rounds.value}
          lookups={lookups}
          onCancel={stopPlanning}
        />
      </Show>
      <Show
        when={meetings.value.length > 0}
        fallback={
          <p class="empty">
            No meetings yet.{' '}
            {props.view.canWrite
              ? 'Plan one to set its day and agenda: the papers of a closed round, or papers picked by hand.'
              : 'Meetings the group plans will be listed here.'}
          </p>
        }
      >
        <section class="meetings-part" aria-labelledby="next-meeting-heading">
          <h3 id="next-meeting-heading">Next meeting</h3>
          <Show when={split().next} fallback={<p class="empty">No meeting is coming up.</p>}>
            {(next) => (
              <MeetingCard groupId={groupId} item={next()} today={today()} lookups={lookups}>
                <h5 class="ready-heading">Ready for the meeting</h5>
                <ReadyTable view={props.view} papers={lookups.papersOf(next().agenda)} />
              </MeetingCard>
            )}
          </Show>
        </section>
        <MeetingSection title="Later meetings" items={split().later} card={card} />
        <MeetingSection title="Past meetings" items={split().past} card={card} />
      </Show>
    </section>
  )
}

/** A titled list of meetings; nothing when there are none. */
function MeetingSection(props: {
  title: string
  items: readonly MeetingItem[]
  card: (item: MeetingItem) => JSX.Element
}) {
  const headingId = createUniqueId()
  return (
    <Show when={props.items.length > 0}>
      <section class="meetings-part" aria-labelledby={headingId}>
        <h3 id={headingId}>{props.title}</h3>
        <ul class="meeting-list">
          <For each={props.items}>{(item) => <li>{props.card(item)}</li>}</For>
        </ul>
      </section>
    </Show>
  )
}
