/**
 * Readers of ranked-choice rounds. Candidates and ballots are read through the paper classes
 * (same-paper.ts), so a paper that turns out to be the same as another counts once, under its
 * canonical id; a candidate whose paper this replica has not seen yet is left out until it arrives.
 */
import type * as Y from 'yjs'
import { roots, splitPairKey } from './keys'
import { NotFoundError } from './errors'
import { paperClasses } from './same-paper'
import { asTime } from './time'
import * as v from './validate'
import { schulze } from '../ranking/schulze'
import type { Round, RoundSummary, RoundView } from './types'

/** A stored round record as a Round, or undefined. */
function asRound(id: string, value: unknown): Round | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { title, meetingDate, createdBy, created } = value as Record<string, unknown>
  if (typeof title !== 'string' || typeof createdBy !== 'string' || typeof created !== 'number') {
    return undefined
  }
  const round: Round = { id, title, createdBy, created: asTime(created) ?? 0 }
  if (typeof meetingDate === 'string') round.meetingDate = meetingDate
  return round
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/** A round's open or closed state as stored; an unreadable state reads as open. */
export function roundStateOf(
  doc: Y.Doc,
  roundId: string,
): { closed: boolean; by?: string; at?: number; frozen?: Frozen } {
  const value = roots(doc).roundState.get(roundId)
  if (typeof value !== 'object' || value === null) return { closed: false }
  const { closed, by, at, frozen } = value as Record<string, unknown>
  if (closed !== true || typeof by !== 'string' || typeof at !== 'number') return { closed: false }
  return { closed, by, at: asTime(at) ?? 0, frozen: asFrozen(frozen) }
}

interface Frozen {
  ballots: Record<string, string[]>
  candidates: string[]
}

function asFrozen(value: unknown): Frozen | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { ballots, candidates } = value as Record<string, unknown>
  if (!isStrings(candidates) || typeof ballots !== 'object' || ballots === null) return undefined
  const kept = Object.entries(ballots).filter((entry): entry is [string, string[]] =>
    isStrings(entry[1]),
  )
  // fromEntries defines own properties, so a member id like `__proto__` stays a plain key.
  return { ballots: Object.fromEntries(kept), candidates }
}

/** One round, or undefined. */
export function getRound(doc: Y.Doc, roundId: string): Round | undefined {
  return asRound(roundId, roots(doc).rounds.get(roundId))
}

/** Throws NotFoundError unless the round exists. */
export function requireRound(doc: Y.Doc, roundId: unknown): Round {
  const id = v.id('roundId', roundId)
  const round = getRound(doc, id)
  if (!round) throw new NotFoundError('round', id, 'roundId')
  return round
}

/** Every round, newest first, each with whether it is closed. */
export function listRounds(doc: Y.Doc): RoundSummary[] {
  const rounds: RoundSummary[] = []
  roots(doc).rounds.forEach((value, id) => {
    const round = asRound(id, value)
    if (round) rounds.push({ ...round, closed: roundStateOf(doc, id).closed })
  })
  return rounds.sort((a, b) => b.created - a.created || a.id.localeCompare(b.id))
}

/** Most candidates a round may have. */
export const MAX_CANDIDATES = 50

/**
 * The round's live candidates with the time each was first added, in the round's order (first
 * added, then id), at most MAX_CANDIDATES of them. (Members adding papers at the same time on
 * different devices can store more; the round counts the first ones.)
 */
export function candidateTimes(doc: Y.Doc, roundId: string): Array<[string, number]> {
  const { canonical } = paperClasses(doc)
  const firstAdded = new Map<string, number>()
  roots(doc).roundCandidates.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paperId = parts && parts[0] === roundId ? canonical.get(parts[1]) : undefined
    if (!paperId || typeof value !== 'object' || value === null) return
    const { addedBy, addedAt } = value as Record<string, unknown>
    if (typeof addedBy !== 'string' || typeof addedAt !== 'number') return
    const at = asTime(addedAt) ?? 0
    firstAdded.set(paperId, Math.min(at, firstAdded.get(paperId) ?? at))
  })
  return [...firstAdded]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_CANDIDATES)
}

/** The round's live candidates, canonical ids in the round's order. */
export function liveCandidates(doc: Y.Doc, roundId: string): string[] {
  return candidateTimes(doc, roundId).map(([id]) => id)
}

/** A ranking cut down to the candidates, as canonical ids, each once. */
function countable(doc: Y.Doc, ranking: string[], candidates: ReadonlySet<string>): string[] {
  const { canonical } = paperClasses(doc)
  const kept = new Set<string>()
  for (const id of ranking) {
    const paperId = canonical.get(id) ?? id
    if (candidates.has(paperId)) kept.add(paperId)
  }
  return [...kept]
}

/**
 * Every member's live ballot in a round, cut down to the given candidates; empty ones dropped.
 * A ballot under an id that is not a member (a faulty or hostile replica wrote it) never counts.
 */
export function liveBallots(
  doc: Y.Doc,
  roundId: string,
  candidates: readonly string[],
): Record<string, string[]> {
  const allowed = new Set(candidates)
  const ballots: Array<[string, string[]]> = []
  const { ballots: stored, members } = roots(doc)
  stored.forEach((value, key) => {
    const parts = splitPairKey(key)
    if (!parts || parts[0] !== roundId || !members.has(parts[1])) return
    if (typeof value !== 'object' || value === null) return
    const { ranking } = value as Record<string, unknown>
    const kept = isStrings(ranking) ? countable(doc, ranking, allowed) : []
    if (kept.length > 0) ballots.push([parts[1], kept])
  })
  // By member id, so that every replica lists them alike whatever its map order.
  return Object.fromEntries(ballots.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
}

/**
 * A round with its candidates, the ballots that count and the group ranking. While the round is
 * closed everything comes from the snapshot frozen when it closed, so a ballot that reaches this
 * replica later (written offline before it heard of the close) is kept but not counted.
 */
export function readRound(doc: Y.Doc, roundId: string): RoundView | undefined {
  const round = getRound(doc, roundId)
  if (!round) return undefined
  const state = roundStateOf(doc, roundId)
  let candidates: string[]
  let ballots: Record<string, string[]>
  if (state.closed && state.frozen) {
    const { canonical } = paperClasses(doc)
    candidates = [...new Set(state.frozen.candidates.map((id) => canonical.get(id) ?? id))]
    const allowed = new Set(candidates)
    const kept = Object.entries(state.frozen.ballots).map(
      ([memberId, ranking]) => [memberId, countable(doc, ranking, allowed)] as const,
    )
    ballots = Object.fromEntries(kept.filter(([, ranking]) => ranking.length > 0))
  } else {
    candidates = liveCandidates(doc, roundId)
    ballots = liveBallots(doc, roundId, candidates)
  }
  const view: RoundView = {
    round,
    candidates,
    ballots,
    closed: state.closed,
    result: schulze(candidates, Object.values(ballots)),
  }
  if (state.closed) Object.assign(view, { closedBy: state.by, closedAt: state.at })
  return view
}
