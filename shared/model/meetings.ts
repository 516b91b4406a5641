/**
 * Meetings: a date, the papers on its agenda (from a closed round or picked by hand), a presenter
 * per paper and shared notes. The meeting record, its field edits, its agenda and its presenters
 * sit in four roots, so that members planning the same meeting at the same time write different
 * keys (see keys.ts and docs/data-model.md); the notes are a Y.Text of their own.
 */
import type * as Y from 'yjs'
import { pairKey, roots } from './keys'
import { ConflictError, ValidationError } from './errors'
import { requireMember, writer } from './members'
import { newId } from './new-id'
import { requirePaper } from './papers'
import { sameAs } from './same-paper'
import * as v from './validate'
import {
  MAX_AGENDA,
  agendaEntries,
  getMeeting,
  isDay,
  markedDeleted,
  meetingNotes,
  requireMeeting,
} from './meeting-read'
import { readRound, requireRound } from './round-read'
import type { Actor, Meeting, MeetingInput } from './types'

export {
  MAX_AGENDA,
  getMeeting,
  listMeetings,
  meetingNotes,
  meetingsByPaper,
  readMeeting,
} from './meeting-read'

/** The meeting, refused with a ConflictError while it is deleted. */
function liveMeeting(doc: Y.Doc, meetingId: unknown): Meeting {
  const meeting = requireMeeting(doc, meetingId)
  if (meeting.deleted) throw new ConflictError('This meeting was deleted: restore it first')
  return meeting
}

/** A meeting's date: a whole ISO day, like 2026-03-20. */
function meetingDate(value: unknown): string {
  const date = v.isoDate('date', value)
  if (!isDay(date)) throw new ValidationError('date', 'date must be a day, like 2026-03-20')
  return date
}

function title(value: unknown): string {
  return v.text('title', value ?? '', { max: v.LIMITS.title, empty: true })
}

/**
 * The papers a closed round puts on an agenda: its `count` best, in the group ranking's order
 * (ties in the round's candidate order, docs/ranking.md).
 */
function fromRound(doc: Y.Doc, roundId: unknown, count: unknown): string[] {
  const round = requireRound(doc, roundId)
  const view = readRound(doc, round.id)
  if (!view?.closed) {
    throw new ConflictError('Close the round first, so that its result no longer changes')
  }
  const take = v.integer('count', count ?? MAX_AGENDA, 1, MAX_AGENDA)
  return view.result.ranking.slice(0, take).map((entry) => entry.candidate)
}

/**
 * Plans a meeting. Its agenda is the `count` best papers of the closed round `roundId`, if
 * given, followed by `papers` picked by hand (any id of a group paper; each paper once, in the
 * order given). Its shared notes start empty.
 */
export function createMeeting(doc: Y.Doc, actor: Actor, input: MeetingInput): Meeting {
  const by = writer(doc, actor)
  const fields = v.record('meeting', input)
  const date = meetingDate(fields.date)
  const name = title(fields.title)
  const ranked = fields.roundId === undefined ? [] : fromRound(doc, fields.roundId, fields.count)
  const picked = fields.papers === undefined ? [] : fields.papers
  if (!Array.isArray(picked)) throw new ValidationError('papers', 'papers must be a list')
  const papers = [
    ...new Set([...ranked, ...picked.map((id, i) => requirePaper(doc, id, `papers[${i}]`).id)]),
  ]
  if (papers.length > MAX_AGENDA) {
    throw new ValidationError('papers', `An agenda may hold at most ${MAX_AGENDA} papers`)
  }
  const meeting: Meeting = {
    id: newId(),
    date,
    title: name,
    createdBy: by.memberId,
    created: by.now,
  }
  if (fields.roundId !== undefined) meeting.roundId = fields.roundId as string
  const { meetings, agenda } = roots(doc)
  doc.transact(() => {
    const { id, ...record } = meeting
    meetings.set(id, record)
    papers.forEach((paperId, i) => {
      agenda.set(pairKey(id, paperId), {
        addedBy: by.memberId,
        addedAt: by.now + i,
        entry: newId(),
      })
    })
  })
  return meeting
}

/**
 * Changes a meeting's date or title (what is given). Each field is its own key, so two members
 * changing the date and the title at the same moment both keep their change; two changes of the
 * same field settle on one of them.
 */
export function updateMeeting(
  doc: Y.Doc,
  actor: Actor,
  meetingId: string,
  changes: { date?: string; title?: string },
): Meeting {
  const by = writer(doc, actor)
  const meeting = liveMeeting(doc, meetingId)
  const fields = v.record('changes', changes)
  const edits: Array<['date' | 'title', string]> = []
  if (fields.date !== undefined) edits.push(['date', meetingDate(fields.date)])
  if (fields.title !== undefined) edits.push(['title', title(fields.title)])
  const { meetingEdits } = roots(doc)
  doc.transact(() => {
    for (const [field, value] of edits) {
      meetingEdits.set(pairKey(meeting.id, field), { value, by: by.memberId, at: by.now })
    }
  })
  return getMeeting(doc, meeting.id) as Meeting
}

/**
 * Puts a paper on a meeting's agenda, at its end (after every paper there, whatever this
 * device's clock says), or where `at` puts it: the time a paper taken off had, to put it back
 * in its place. A paper already there changes nothing. Returns the paper's canonical id.
 */
export function addToAgenda(
  doc: Y.Doc,
  actor: Actor,
  meetingId: string,
  paperId: string,
  at?: number,
): string {
  const by = writer(doc, actor)
  const meeting = liveMeeting(doc, meetingId)
  const paper = requirePaper(doc, paperId)
  const place = at === undefined ? undefined : v.integer('at', at, 0, 8.64e15)
  const agenda = agendaEntries(doc, meeting.id)
  if (agenda.some((entry) => entry.paperId === paper.id)) return paper.id
  if (agenda.length >= MAX_AGENDA) {
    throw new ValidationError('paperId', `An agenda may hold at most ${MAX_AGENDA} papers`)
  }
  const last = Math.max(-1, ...agenda.map((entry) => entry.addedAt))
  const addedAt = place ?? Math.max(by.now, last + 1)
  const key = pairKey(meeting.id, paper.id)
  doc.transact(() => {
    roots(doc).agenda.set(key, { addedBy: by.memberId, addedAt, entry: newId() })
  })
  return paper.id
}

/**
 * Takes a paper off a meeting's agenda, whoever put it there; its presenter is forgotten with
 * it. Returns whether it was on the agenda.
 */
export function removeFromAgenda(
  doc: Y.Doc,
  actor: Actor,
  meetingId: string,
  paperId: string,
): boolean {
  writer(doc, actor)
  const meeting = liveMeeting(doc, meetingId)
  const paper = requirePaper(doc, paperId)
  const { agenda, presenters } = roots(doc)
  const keys = sameAs(doc, paper.id).map((id) => pairKey(meeting.id, id))
  const listed = keys.filter((key) => agenda.has(key))
  if (listed.length === 0) return false
  doc.transact(() => {
    for (const key of keys) {
      agenda.delete(key)
      presenters.delete(key)
    }
  })
  return true
}

/**
 * Chooses who presents an agenda paper (any member may choose anyone); `null` clears the choice.
 * The latest choice wins. The choice is made for the paper's agenda entry: if the paper is taken
 * off (even at the same moment on another device) and put back, it has no presenter.
 */
export function setPresenter(
  doc: Y.Doc,
  actor: Actor,
  meetingId: string,
  paperId: string,
  presenter: string | null,
): void {
  const by = writer(doc, actor)
  const meeting = liveMeeting(doc, meetingId)
  const paper = requirePaper(doc, paperId)
  const listed = agendaEntries(doc, meeting.id).find((item) => item.paperId === paper.id)
  if (!listed) {
    throw new ValidationError('paperId', `${paper.title} is not on this meeting's agenda`)
  }
  // Any entry of the paper's records will do; the smallest, so that retries write the same.
  const entry = [...listed.entries].sort()[0] ?? ''
  const memberId = presenter === null ? null : requireMember(doc, v.id('presenter', presenter)).id
  const { presenters } = roots(doc)
  doc.transact(() => {
    // One choice per paper: clear any made on another record of the same paper.
    for (const id of sameAs(doc, paper.id)) {
      if (id !== paper.id) presenters.delete(pairKey(meeting.id, id))
    }
    presenters.set(pairKey(meeting.id, paper.id), { memberId, by: by.memberId, at: by.now, entry })
  })
}

/**
 * Deletes a meeting planned by mistake; `restoreMeeting` undoes it. Refused while its notes hold
 * anything, so that nothing a member wrote there is lost with it. Nothing is erased: the meeting
 * is marked deleted, and one whose notes someone was typing into at the same moment stays listed
 * with them until they are cleared.
 */
export function deleteMeeting(doc: Y.Doc, actor: Actor, meetingId: string): void {
  const by = writer(doc, actor)
  const meeting = liveMeeting(doc, meetingId)
  const notes = meetingNotes(doc, meeting.id)
  if (notes === undefined || notes.length > 0) {
    throw new ConflictError('This meeting has notes: clear them first to delete the meeting')
  }
  const key = pairKey(meeting.id, 'deleted')
  doc.transact(() => {
    roots(doc).meetingEdits.set(key, { value: true, by: by.memberId, at: by.now })
  })
}

/** Restores a deleted meeting, with its agenda, presenters and notes. */
export function restoreMeeting(doc: Y.Doc, actor: Actor, meetingId: string): Meeting {
  const by = writer(doc, actor)
  const meeting = requireMeeting(doc, meetingId)
  if (!markedDeleted(doc, meeting.id)) throw new ConflictError('This meeting is not deleted')
  const key = pairKey(meeting.id, 'deleted')
  doc.transact(() => {
    roots(doc).meetingEdits.set(key, { value: false, by: by.memberId, at: by.now })
  })
  return getMeeting(doc, meeting.id) as Meeting
}
