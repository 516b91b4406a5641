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

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Whether a stored value is a meeting date: an ISO day. */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value))
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
  return meeting
}

/** The edited value of a meeting's field, if it was edited. */
function editOf(doc: Y.Doc, meetingId: string, field: 'date' | 'title'): string | undefined {
  const edit = roots(doc).meetingEdits.get(pairKey(meetingId, field))
  if (typeof edit !== 'object' || edit === null) return undefined
  const { value } = edit as Record<string, unknown>
  return typeof value === 'string' ? value : undefined
}

/** One meeting, or undefined. */
export function getMeeting(doc: Y.Doc, meetingId: string): Meeting | undefined {
  return asMeeting(doc, meetingId, roots(doc).meetings.get(meetingId))
}

/** Throws NotFoundError unless the meeting exists. */
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

/**
 * The live agenda of every meeting, canonical paper ids in the agenda's order (first added
 * first, then by id), keyed by meeting id.
 */
function agendas(doc: Y.Doc): Map<string, string[]> {
  const { canonical } = paperClasses(doc)
  const firstAdded = new Map<string, Map<string, number>>()
  roots(doc).agenda.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paperId = parts ? canonical.get(parts[1]) : undefined
    if (!parts || !paperId || typeof value !== 'object' || value === null) return
    const { addedBy, addedAt } = value as Record<string, unknown>
    if (typeof addedBy !== 'string' || typeof addedAt !== 'number') return
    const at = asTime(addedAt) ?? 0
    const papers = firstAdded.get(parts[0]) ?? new Map<string, number>()
    papers.set(paperId, Math.min(at, papers.get(paperId) ?? at))
    firstAdded.set(parts[0], papers)
  })
  const ordered = new Map<string, string[]>()
  for (const [meetingId, papers] of firstAdded) {
    const list = [...papers].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    ordered.set(
      meetingId,
      list.map(([id]) => id),
    )
  }
  return ordered
}

/** The agenda of one meeting: canonical paper ids in order. */
export function liveAgenda(doc: Y.Doc, meetingId: string): string[] {
  return agendas(doc).get(meetingId) ?? []
}

/**
 * The presenter of each agenda paper of a meeting, by canonical paper id: the latest choice made
 * on any record of the paper. A presenter who is not a member (a faulty replica wrote it) or a
 * cleared choice reads as none.
 */
function presentersOf(doc: Y.Doc, meetingId: string): Map<string, string> {
  const { canonical } = paperClasses(doc)
  const { presenters, members } = roots(doc)
  const latest = new Map<string, { memberId: string | null; at: number }>()
  presenters.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paperId = parts && parts[0] === meetingId ? canonical.get(parts[1]) : undefined
    if (!paperId || typeof value !== 'object' || value === null) return
    const { memberId, at } = value as Record<string, unknown>
    if ((memberId !== null && typeof memberId !== 'string') || typeof at !== 'number') return
    const seen = latest.get(paperId)
    const time = asTime(at) ?? 0
    if (!seen || time > seen.at) latest.set(paperId, { memberId, at: time })
  })
  const chosen = new Map<string, string>()
  for (const [paperId, { memberId }] of latest) {
    if (memberId !== null && members.has(memberId)) chosen.set(paperId, memberId)
  }
  return chosen
}

/** Every stored meeting, earliest date first. */
function allMeetings(doc: Y.Doc): Meeting[] {
  const meetings: Meeting[] = []
  roots(doc).meetings.forEach((value, id) => {
    const meeting = asMeeting(doc, id, value)
    if (meeting) meetings.push(meeting)
  })
  return meetings.sort(byDate)
}

function withAgenda(doc: Y.Doc, meeting: Meeting, papers: string[]): MeetingView {
  const presenters = presentersOf(doc, meeting.id)
  const agenda = papers.map((paperId): AgendaItem => {
    const presenter = presenters.get(paperId)
    return presenter === undefined ? { paperId } : { paperId, presenter }
  })
  return { meeting, agenda }
}

/** A meeting with its agenda (each paper with its presenter, if chosen). */
export function readMeeting(doc: Y.Doc, meetingId: string): MeetingView | undefined {
  const meeting = getMeeting(doc, meetingId)
  return meeting && withAgenda(doc, meeting, liveAgenda(doc, meetingId))
}

/** Every meeting with its agenda, earliest date first. */
export function listMeetings(doc: Y.Doc): MeetingView[] {
  const all = agendas(doc)
  return allMeetings(doc).map((meeting) => withAgenda(doc, meeting, all.get(meeting.id) ?? []))
}

/**
 * For each paper on any meeting's agenda, those meetings (id and date), earliest first: what the
 * library shows as "discussed on" or "on the agenda for".
 */
export function meetingsByPaper(doc: Y.Doc): Map<string, Array<{ id: string; date: string }>> {
  const by = new Map<string, Array<{ id: string; date: string }>>()
  const all = agendas(doc)
  for (const meeting of allMeetings(doc)) {
    for (const paperId of all.get(meeting.id) ?? []) {
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
  if (!getMeeting(doc, meetingId)) return undefined
  try {
    return doc.getText(notesName(meetingId))
  } catch {
    // Yjs refuses to read a name defined as another type: those notes cannot be shown.
    return undefined
  }
}
