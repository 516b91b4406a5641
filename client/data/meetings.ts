import type * as Y from 'yjs'
import { createMemo, type Accessor } from 'solid-js'
import {
  getRound,
  listMeetings,
  listRounds,
  readMeeting,
  readRound,
  type AgendaItem,
  type Meeting,
  type Member,
  type MeetingView,
} from '../../shared/model'
import { agendaEntries } from '../../shared/model/meeting-read'
import { createDocProjection, type DocProjection } from './create-doc-projection'
import type { GroupView } from './create-group-view'
import type { LibraryItem } from './create-library'

/** An agenda paper, keyed by its paper id, so that the store keeps its row when others move. */
export type AgendaEntry = AgendaItem & { id: string }

/** A meeting in the list: keyed by its id, so that the store keeps rows as the list changes. */
export interface MeetingItem {
  id: string
  meeting: Meeting
  agenda: AgendaEntry[]
}

/**
 * An agenda paper as the meeting's page has it: with the time that places it on the agenda, so
 * that a paper taken off can be put back in its place.
 */
export type PlacedAgendaEntry = AgendaEntry & { addedAt: number }

/**
 * A meeting as its page shows it: its agenda papers placed, and the title of the round its
 * agenda came from. `meeting.deleted` is set while the meeting is deleted.
 */
export type MeetingPageData = Omit<MeetingItem, 'agenda'> & {
  agenda: PlacedAgendaEntry[]
  roundTitle?: string
}

/** A closed round whose best papers can open an agenda. */
export interface ClosedRound {
  id: string
  title: string
  meetingDate?: string
  /** Its papers, best first (ties in the round's order), with their place. */
  ranking: Array<{ paperId: string; place: number; tied: boolean }>
}

function asItem(view: MeetingView): MeetingItem {
  const agenda = view.agenda.map((item) => ({ id: item.paperId, ...item }))
  return { id: view.meeting.id, meeting: view.meeting, agenda }
}

function readMeetingItems(doc: Y.Doc): MeetingItem[] {
  return listMeetings(doc).map(asItem)
}

/** The closed rounds an agenda can take papers from: those with a candidate, so a ranking. */
function readClosedRounds(doc: Y.Doc): ClosedRound[] {
  return listRounds(doc).flatMap((round) => {
    const view = round.closed ? readRound(doc, round.id) : undefined
    if (!view || view.result.ranking.length === 0) return []
    const ranking = view.result.ranking.map(({ candidate, place, tied }) => ({
      paperId: candidate,
      place,
      tied,
    }))
    const closed: ClosedRound = { id: round.id, title: round.title, ranking }
    if (round.meetingDate !== undefined) closed.meetingDate = round.meetingDate
    return [closed]
  })
}

/** Every meeting of the group with its agenda, earliest first, following the document. */
export function createMeetingList(view: GroupView): DocProjection<MeetingItem[]> {
  return createDocProjection(view.doc, readMeetingItems, [])
}

/**
 * One meeting with its agenda (each paper with the time that places it) and the title of its
 * round, following the document; a deleted meeting too, with `meeting.deleted` set. Undefined
 * while this replica does not have it (a wrong link, or not synced yet).
 */
export function createMeetingData(
  view: GroupView,
  meetingId: string,
): DocProjection<MeetingPageData | undefined> {
  const read = (doc: Y.Doc): MeetingPageData | undefined => {
    const found = readMeeting(doc, meetingId)
    if (!found) return undefined
    const placed = new Map(agendaEntries(doc, meetingId).map((entry) => [entry.paperId, entry]))
    const agenda = asItem(found).agenda.flatMap((item) => {
      const entry = placed.get(item.paperId)
      return entry ? [{ ...item, addedAt: entry.addedAt }] : []
    })
    const data: MeetingPageData = { id: found.meeting.id, meeting: found.meeting, agenda }
    const roundId = found.meeting.roundId
    const round = roundId === undefined ? undefined : getRound(doc, roundId)
    if (round) data.roundTitle = round.title
    return data
  }
  return createDocProjection(view.doc, read, undefined)
}

/**
 * The group's closed rounds that have candidates, newest first, each with its ranking, following
 * the document.
 */
export function createClosedRounds(view: GroupView): DocProjection<ClosedRound[]> {
  return createDocProjection(view.doc, readClosedRounds, [])
}

/** Papers and members by id, for the pages that show agendas. */
export interface MeetingLookups {
  paper: (paperId: string) => LibraryItem | undefined
  member: (memberId: string) => Member | undefined
  /** The papers of an agenda that this replica has, in the agenda's order. */
  papersOf: (agenda: ReadonlyArray<{ paperId: string }>) => LibraryItem[]
}

/** Lookups over the group's library and members that follow them. */
export function createMeetingLookups(view: GroupView): MeetingLookups {
  const papers: Accessor<Map<string, LibraryItem>> = createMemo(
    () => new Map(view.library.value.map((item) => [item.id, item])),
  )
  const members = createMemo(() => new Map(view.members.value.map((member) => [member.id, member])))
  const paper = (paperId: string) => papers().get(paperId)
  return {
    paper,
    member: (memberId) => members().get(memberId),
    papersOf: (agenda) => agenda.flatMap((item) => paper(item.paperId) ?? []),
  }
}
