/**
 * Ranked-choice rounds: "what do we read on <date>?". A round has candidate papers; each member
 * ranks them on a ballot, editable until the round is closed; the group ranking is the Schulze
 * method's (docs/ranking.md). The round record, its candidates, the ballots and the round's open
 * or closed state sit in four roots, so that members adding candidates, voting and closing at the
 * same time all write different keys (see keys.ts and docs/data-model.md).
 */
import type * as Y from 'yjs'
import { pairKey, roots } from './keys'
import { ConflictError, ValidationError } from './errors'
import { writer } from './members'
import { newId } from './new-id'
import { requirePaper } from './papers'
import { sameAs } from './same-paper'
import * as v from './validate'
import {
  MAX_CANDIDATES,
  candidateTimes,
  liveBallots,
  liveCandidates,
  readRound,
  requireRound,
  roundStateOf,
} from './round-read'
import type { Actor, Round, RoundInput, RoundView } from './types'

export { MAX_CANDIDATES, getRound, listRounds, readRound } from './round-read'

/** The round, refused with a ConflictError while it is closed. */
function openRound(doc: Y.Doc, roundId: unknown): Round {
  const round = requireRound(doc, roundId)
  if (roundStateOf(doc, round.id).closed) {
    throw new ConflictError('This round is closed; reopen it to change its candidates or ballots')
  }
  return round
}

function list(field: string, value: unknown, max: number): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(field, `${field} must be a list`)
  if (value.length > max) {
    throw new ValidationError(field, `${field} may hold at most ${max} papers`)
  }
  return value
}

/**
 * Opens a round with the given candidates (papers of the group, any id of them; a paper given
 * twice is one candidate). Candidates given here keep their order: they are recorded a
 * millisecond apart, since the round's order is the order of addition.
 */
export function createRound(doc: Y.Doc, actor: Actor, input: RoundInput): Round {
  const by = writer(doc, actor)
  const fields = v.record('round', input)
  const title = v.text('title', fields.title, { max: v.LIMITS.title })
  const date = fields.meetingDate
  const meetingDate = date === undefined || date === '' ? undefined : v.isoDate('meetingDate', date)
  const given = list('candidates', fields.candidates, MAX_CANDIDATES)
  const candidates = [
    ...new Set(given.map((id, i) => requirePaper(doc, id, `candidates[${i}]`).id)),
  ]
  const round: Round = { id: newId(), title, createdBy: by.memberId, created: by.now }
  if (meetingDate !== undefined) round.meetingDate = meetingDate
  const { rounds, roundCandidates } = roots(doc)
  doc.transact(() => {
    const { id, ...record } = round
    rounds.set(id, record)
    candidates.forEach((paperId, i) => {
      roundCandidates.set(pairKey(id, paperId), { addedBy: by.memberId, addedAt: by.now + i })
    })
  })
  return round
}

/**
 * Adds a paper to an open round, after its other candidates; adding a candidate again changes
 * nothing. Returns its id.
 */
export function addCandidate(doc: Y.Doc, actor: Actor, roundId: string, paperId: string): string {
  const by = writer(doc, actor)
  const round = openRound(doc, roundId)
  const paper = requirePaper(doc, paperId)
  const candidates = candidateTimes(doc, round.id)
  if (candidates.some(([id]) => id === paper.id)) return paper.id
  if (candidates.length >= MAX_CANDIDATES) {
    throw new ValidationError('paperId', `A round may have at most ${MAX_CANDIDATES} candidates`)
  }
  // After every candidate there, whatever this device's clock says.
  const addedAt = Math.max(by.now, 1 + Math.max(-1, ...candidates.map(([, at]) => at)))
  const key = pairKey(round.id, paper.id)
  doc.transact(() => roots(doc).roundCandidates.set(key, { addedBy: by.memberId, addedAt }))
  return paper.id
}

/**
 * Takes a paper out of an open round, whoever added it. Ballots keep ranking it (nothing a
 * member wrote is rewritten) but it no longer counts. Returns whether it was a candidate.
 */
export function removeCandidate(
  doc: Y.Doc,
  actor: Actor,
  roundId: string,
  paperId: string,
): boolean {
  writer(doc, actor)
  const round = openRound(doc, roundId)
  const paper = requirePaper(doc, paperId)
  const { roundCandidates } = roots(doc)
  const keys = sameAs(doc, paper.id)
    .map((id) => pairKey(round.id, id))
    .filter((key) => roundCandidates.has(key))
  if (keys.length === 0) return false
  doc.transact(() => keys.forEach((key) => roundCandidates.delete(key)))
  return true
}

/**
 * Sets the acting member's ballot in an open round: candidates best first, each once; a partial
 * ranking leaves the rest level below it, and an empty one withdraws the ballot. Returns the
 * ballot as canonical paper ids.
 */
export function setBallot(doc: Y.Doc, actor: Actor, roundId: string, ranking: string[]): string[] {
  const by = writer(doc, actor)
  const round = openRound(doc, roundId)
  const candidates = new Set(liveCandidates(doc, round.id))
  const ballot: string[] = []
  list('ranking', ranking, MAX_CANDIDATES).forEach((id, i) => {
    const field = `ranking[${i}]`
    const paper = requirePaper(doc, id, field)
    if (!candidates.has(paper.id)) {
      throw new ValidationError(field, `${paper.title} is not a candidate of this round`)
    }
    if (ballot.includes(paper.id)) {
      throw new ValidationError(field, `${paper.title} is ranked twice`)
    }
    ballot.push(paper.id)
  })
  const { ballots } = roots(doc)
  const key = pairKey(round.id, by.memberId)
  if (ballot.length === 0 && !ballots.has(key)) return ballot
  doc.transact(() => {
    if (ballot.length === 0) ballots.delete(key)
    else ballots.set(key, { ranking: ballot, at: by.now })
  })
  return ballot
}

/**
 * Closes a round, freezing its candidates and ballots as this replica has them: the result no
 * longer changes, whatever reaches this replica later, until the round is reopened.
 */
export function closeRound(doc: Y.Doc, actor: Actor, roundId: string): RoundView {
  const by = writer(doc, actor)
  const round = requireRound(doc, roundId)
  if (roundStateOf(doc, round.id).closed) throw new ConflictError('This round is already closed')
  const candidates = liveCandidates(doc, round.id)
  const frozen = { ballots: liveBallots(doc, round.id, candidates), candidates }
  doc.transact(() => {
    roots(doc).roundState.set(round.id, { closed: true, by: by.memberId, at: by.now, frozen })
  })
  return readRound(doc, round.id) as RoundView
}

/** Reopens a closed round: ballots can change again and count as they stand. */
export function reopenRound(doc: Y.Doc, actor: Actor, roundId: string): RoundView {
  const by = writer(doc, actor)
  const round = requireRound(doc, roundId)
  if (!roundStateOf(doc, round.id).closed) throw new ConflictError('This round is already open')
  doc.transact(() => {
    roots(doc).roundState.set(round.id, { closed: false, by: by.memberId, at: by.now })
  })
  return readRound(doc, round.id) as RoundView
}
