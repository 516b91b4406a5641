/** The invariants of rounds and meetings, for test/helpers/model-invariants.ts. */
import type * as Y from 'yjs'
import {
  MAX_AGENDA,
  listMeetings,
  listRounds,
  meetingNotes,
  readRound,
  type LibraryEntry,
} from '../../shared/model'
import { isNotesName, notesName } from '../../shared/model/keys'
import type { InvariantFigures } from './model-invariants'

function fail(check: string, detail: string): never {
  throw new Error(`[${check}] ${detail}`)
}

/** Rounds: candidates once each, ballots only from members over live candidates. */
export function checkRounds(
  doc: Y.Doc,
  members: Set<string>,
  paperIds: Set<string>,
  figures: InvariantFigures,
): void {
  for (const summary of listRounds(doc)) {
    const view = readRound(doc, summary.id)!
    const where = `round ${summary.id}`
    if (view.closed) figures.closedRounds += 1
    if (new Set(view.candidates).size !== view.candidates.length) {
      fail('candidates once each', `${where} lists ${view.candidates}`)
    }
    const unknown = view.candidates.filter((id) => !paperIds.has(id))
    if (!view.closed && unknown.length > 0) {
      fail('candidates are papers', `${where} has candidates ${unknown} not in the library`)
    }
    for (const [memberId, ranking] of Object.entries(view.ballots)) {
      if (!members.has(memberId)) fail('ballots only from members', `${where}: ${memberId}`)
      const off = ranking.filter((id) => !view.candidates.includes(id))
      if (ranking.length === 0 || off.length > 0 || new Set(ranking).size !== ranking.length) {
        fail('ballots only over live candidates', `${where}: ${memberId} ranks ${ranking}`)
      }
    }
    const ranked = view.result.ranking.map((r) => r.candidate)
    if ([...ranked].sort().join() !== [...view.candidates].sort().join()) {
      fail('result ranks the candidates', `${where} ranks ${ranked} of ${view.candidates}`)
    }
  }
}

/**
 * Meetings: agendas within their limit, each paper once, presenters members, the library's
 * meeting lists matching; no notes with text outside a listed meeting (a meeting deleted while
 * someone typed stays listed).
 */
export function checkMeetings(
  doc: Y.Doc,
  members: Set<string>,
  paperIds: Set<string>,
  library: LibraryEntry[],
): void {
  const meetings = listMeetings(doc)
  for (const { meeting, agenda } of meetings) {
    const where = `meeting ${meeting.id}`
    const papers = agenda.map((item) => item.paperId)
    if (papers.length > MAX_AGENDA) fail('agenda within its limit', `${where} has ${papers.length}`)
    if (new Set(papers).size !== papers.length)
      fail('agenda papers once each', `${where}: ${papers}`)
    const unknown = papers.filter((id) => !paperIds.has(id))
    if (unknown.length > 0) fail('agenda papers are papers', `${where}: ${unknown}`)
    for (const item of agenda) {
      if (item.presenter !== undefined && !members.has(item.presenter)) {
        fail('presenters are members', `${where}: ${item.presenter} presents ${item.paperId}`)
      }
    }
    if (meetingNotes(doc, meeting.id) === undefined) fail('notes readable', `${where} has none`)
  }
  for (const entry of library) {
    const want = meetings
      .filter(({ agenda }) => agenda.some((item) => item.paperId === entry.paper.id))
      .map(({ meeting }) => meeting.id)
    if (entry.meetings.map((m) => m.id).join() !== want.join()) {
      fail('library lists agenda meetings', `${entry.paper.id}: ${entry.meetings.map((m) => m.id)}`)
    }
  }
  const live = new Set(meetings.map(({ meeting }) => notesName(meeting.id)))
  for (const name of doc.share.keys()) {
    if (isNotesName(name) && !live.has(name) && doc.getText(name).length > 0) {
      fail('notes outlive no meeting', `${name.slice(13)} was deleted with notes`)
    }
  }
}
