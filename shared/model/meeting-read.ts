/**
 * Readers of meetings. Agenda papers are read through the paper classes (same-paper.ts), so a
 * paper that turns out to be the same as another is on the agenda once, under its canonical id;
 * an agenda paper this replica has not seen yet is left out until it arrives.
 */
import type * as Y from 'yjs'
import { notesName, pairKey, roots, splitPairKey } from './keys'
import { NotFoundError } from './errors'
import { paperClasses } from './same-paper'
import { asTime } from './time'
import * as v from './validate'
import type { AgendaItem, Meeting, MeetingView } from './types'

/** Most papers on one agenda. */
export const MAX_AGENDA = 20

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Whether a stored value is a meeting date: an ISO day that its month has. */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && v.dayExists(value)
}

/** A stored meeting record as a Meeting, with its latest edits, or undefined. */
function asMeeting(doc: Y.Doc, id: string, value: unknown): Meeting | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { date, title, roundId, createdBy, created } = value as Record<string, unknown>
  if (!isDay(date) || typeof createdBy !== 'string' || typeof created !== 'number') {
    return undefined
  }
  const meeting: Meeting = {
    id,
    date: [editOf(doc, id, 'date')].find(isDay) ?? date,
    title: editOf(doc, id, 'title') ?? (typeof title === 'string' ? title : ''),
    createdBy,
    created: asTime(created) ?? 0,
  }
  if (typeof roundId === 'string') meeting.roundId = roundId
  const deleted = deletionOf(doc, id)
  if (deleted) meeting.deleted = deleted
  return meeting
}

/** The edited value of a meeting's field, if it was edited. */
function editOf(doc: Y.Doc, meetingId: string, field: 'date' | 'title'): string | undefined {
  const edit = roots(doc).meetingEdits.get(pairKey(meetingId, field))
  if (typeof edit !== 'object' || edit === null) return undefined
  const { value } = edit as Record<string, unknown>
  return typeof value === 'string' ? value : undefined
}

/** Whether a meeting is marked deleted (and not restored since), whatever its notes hold. */
export function markedDeleted(doc: Y.Doc, meetingId: string): boolean {
  const mark = roots(doc).meetingEdits.get(pairKey(meetingId, 'deleted'))
  return typeof mark === 'object' && mark !== null && (mark as { value?: unknown }).value === true
}

/**
 * Who deleted a meeting, and when, if it is deleted: marked deleted and its notes empty. Notes
 * typed while another member deleted the meeting keep it, so that they stay within reach.
 */
function deletionOf(doc: Y.Doc, meetingId: string): Meeting['deleted'] {
  if (!markedDeleted(doc, meetingId) || (meetingNotes(doc, meetingId)?.length ?? 0) > 0) {
    return undefined
  }
  const { by, at } = roots(doc).meetingEdits.get(pairKey(meetingId, 'deleted')) as Record<
    string,
    unknown
  >
  return { by: typeof by === 'string' ? by : '', at: asTime(at) ?? 0 }
}

/** One meeting, deleted or not, or undefined. */
export function getMeeting(doc: Y.Doc, meetingId: string): Meeting | undefined {
  return asMeeting(doc, meetingId, roots(doc).meetings.get(meetingId))
}

/** Throws NotFoundError unless the meeting exists (it may be deleted). */
export function requireMeeting(doc: Y.Doc, meetingId: unknown): Meeting {
  const id = v.id('meetingId', meetingId)
  const meeting = getMeeting(doc, id)
  if (!meeting) throw new NotFoundError('meeting', id, 'meetingId')
  return meeting
}

/** Orders meetings by date, then by when they were planned, then by id: every replica alike. */
function byDate(a: Meeting, b: Meeting): number {
  return a.date.localeCompare(b.date) || a.created - b.created || a.id.localeCompare(b.id)
}

/** One agenda paper as stored: when it was first added, and the ids of its entries. */
interface AgendaEntry {
  paperId: string
  addedAt: number
  /** Each `addToAgenda` makes a fresh entry id; a presenter is chosen for an entry. */
  entries: Set<string>
}

/**
 * The live agenda of every meeting, keyed by meeting id: canonical paper ids in the agenda's
 * order (first added first, then by id), at most MAX_AGENDA of them. (Members adding papers at
 * the same time on different devices can store more; the agenda shows the first ones.)
 */
function agendas(doc: Y.Doc): Map<string, AgendaEntry[]> {
  const { canonical } = paperClasses(doc)
  const byMeeting = new Map<string, Map<string, AgendaEntry>>()
  roots(doc).agenda.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paperId = parts ? canonical.get(parts[1]) : undefined
    if (!parts || !paperId || typeof value !== 'object' || value === null) return
    const { addedBy, addedAt, entry } = value as Record<string, unknown>
    if (typeof addedBy !== 'string' || typeof addedAt !== 'number') return
    const at = asTime(addedAt) ?? 0
    const papers = byMeeting.get(parts[0]) ?? new Map<string, AgendaEntry>()
    const found = papers.get(paperId) ?? { paperId, addedAt: at, entries: new Set<string>() }
    found.addedAt = Math.min(found.addedAt, at)
    if (typeof entry === 'string') found.entries.add(entry)
    papers.set(paperId, found)
    byMeeting.set(parts[0], papers)
  })
  const ordered = new Map<string, AgendaEntry[]>()
  for (const [meetingId, papers] of byMeeting) {
    const list = [...papers.values()].sort(
      (a, b) =>
        a.addedAt - b.addedAt || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0),
    )
    ordered.set(meetingId, list.slice(0, MAX_AGENDA))
  }
  return ordered
}

/** The agenda of one meeting, in order, with each paper's first time and entry ids. */
export function agendaEntries(doc: Y.Doc, meetingId: string): AgendaEntry[] {
  return agendas(doc).get(meetingId) ?? []
}

/** The agenda of one meeting: canonical paper ids in order. */
export function liveAgenda(doc: Y.Doc, meetingId: string): string[] {
  return agendaEntries(doc, meetingId).map((entry) => entry.paperId)
}

/**
 * The presenter of each agenda paper of a meeting, by canonical paper id: the latest choice made
 * for the paper's current agenda entry, on any record of the paper. A choice made for an entry
 * since taken off the agenda (perhaps at the same moment) does not come back with the paper. A
 * presenter who is not a member (a faulty replica wrote it) or a cleared choice reads as none.
 */
function presentersOf(doc: Y.Doc, meetingId: string, agenda: AgendaEntry[]): Map<string, string> {
  const { canonical } = paperClasses(doc)
  const { presenters, members } = roots(doc)
  const entries = new Map(agenda.map((item) => [item.paperId, item.entries]))
  const latest = new Map<string, { memberId: string | null; at: number }>()
  presenters.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paperId = parts && parts[0] === meetingId ? canonical.get(parts[1]) : undefined
    if (!paperId || typeof value !== 'object' || value === null) return
    const { memberId, at, entry } = value as Record<string, unknown>
    if ((memberId !== null && typeof memberId !== 'string') || typeof at !== 'number') return
    if (typeof entry !== 'string' || !entries.get(paperId)?.has(entry)) return
    const seen = latest.get(paperId)
    const time = asTime(at) ?? 0
    // On equal times (two records of the paper), the greater member id: the same on every replica.
    const later =
      !seen || time > seen.at || (time === seen.at && (memberId ?? '') > (seen.memberId ?? ''))
    if (later) latest.set(paperId, { memberId, at: time })
  })
  const chosen = new Map<string, string>()
  for (const [paperId, { memberId }] of latest) {
    if (memberId !== null && members.has(memberId)) chosen.set(paperId, memberId)
  }
  return chosen
}

/** Every meeting that is not deleted, earliest date first. */
function liveMeetings(doc: Y.Doc): Meeting[] {
  const meetings: Meeting[] = []
  roots(doc).meetings.forEach((value, id) => {
    const meeting = asMeeting(doc, id, value)
    if (meeting && !meeting.deleted) meetings.push(meeting)
  })
  return meetings.sort(byDate)
}

function withAgenda(doc: Y.Doc, meeting: Meeting, agenda: AgendaEntry[]): MeetingView {
  const presenters = presentersOf(doc, meeting.id, agenda)
  const items = agenda.map(({ paperId }): AgendaItem => {
    const presenter = presenters.get(paperId)
    return presenter === undefined ? { paperId } : { paperId, presenter }
  })
  return { meeting, agenda: items }
}

/**
 * A meeting with its agenda (each paper with its presenter, if chosen); a deleted one too, with
 * `meeting.deleted` set, so that its page can offer to restore it.
 */
export function readMeeting(doc: Y.Doc, meetingId: string): MeetingView | undefined {
  const meeting = getMeeting(doc, meetingId)
  return meeting && withAgenda(doc, meeting, agendaEntries(doc, meetingId))
}

/** Every meeting that is not deleted, with its agenda, earliest date first. */
export function listMeetings(doc: Y.Doc): MeetingView[] {
  const all = agendas(doc)
  return liveMeetings(doc).map((meeting) => withAgenda(doc, meeting, all.get(meeting.id) ?? []))
}

/**
 * For each paper on the agenda of a meeting that is not deleted, those meetings (id and date),
 * earliest first: what the library shows as "discussed on" or "on the agenda for".
 */
export function meetingsByPaper(doc: Y.Doc): Map<string, Array<{ id: string; date: string }>> {
  const by = new Map<string, Array<{ id: string; date: string }>>()
  const all = agendas(doc)
  for (const meeting of liveMeetings(doc)) {
    for (const { paperId } of all.get(meeting.id) ?? []) {
      const list = by.get(paperId) ?? []
      list.push({ id: meeting.id, date: meeting.date })
      by.set(paperId, list)
    }
  }
  return by
}

/**
 * The shared notes of a meeting: a Y.Text that members edit together, for client/data to bind to
 * a text field. Undefined for an unknown meeting, or if a faulty replica stored something else
 * under the notes' name.
 */
export function meetingNotes(doc: Y.Doc, meetingId: string): Y.Text | undefined {
  if (!roots(doc).meetings.has(meetingId)) return undefined
  try {
    return doc.getText(notesName(meetingId))
  } catch {
    // Yjs refuses to read a name defined as another type: those notes cannot be shown.
    return undefined
  }
}
