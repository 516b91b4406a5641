import { createUniqueId, type JSX } from 'solid-js'
import type { MeetingItem, MeetingLookups } from '../../data/meetings'
import { meetingHref } from '../../app/route'
import { formatCount } from '../../format/count'
import { formatDay, relativeDay } from './meeting-dates'
import { AgendaSummary } from './AgendaSummary'

/** "Fri, 20 Mar 2026 · Diffusion, part 2": how a meeting is named in lists and links. */
export function meetingName(meeting: { date: string; title: string }): string {
  const title = meeting.title.trim()
  return title ? `${formatDay(meeting.date)} · ${title}` : formatDay(meeting.date)
}

/** One meeting in the list of meetings: its day, linked to its page, and its agenda. */
export function MeetingCard(props: {
  groupId: string
  item: MeetingItem
  today: string
  lookups: MeetingLookups
  /** More about the meeting, under its agenda (the next meeting's readiness). */
  children?: JSX.Element
}) {
  const headingId = createUniqueId()
  const meeting = () => props.item.meeting
  return (
    <article class="meeting-card" aria-labelledby={headingId}>
      <h4 id={headingId} class="meeting-card-name">
        <a href={meetingHref(props.groupId, meeting().id)}>{meetingName(meeting())}</a>
      </h4>
      <p class="meeting-meta">
        <time datetime={meeting().date}>{relativeDay(meeting().date, props.today)}</time>
        {' · '}
        {formatCount(props.item.agenda.length, 'paper', 'papers')}
      </p>
      <AgendaSummary groupId={props.groupId} agenda={props.item.agenda} lookups={props.lookups} />
      {props.children}
    </article>
  )
}
