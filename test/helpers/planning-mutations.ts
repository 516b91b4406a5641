/**
 * Runs the generated planning mutations (rounds, ballots, meetings, notes) on a replica, for
 * test/helpers/mutation-runner.ts.
 */
import * as Y from 'yjs'
import {
  addCandidate,
  addToAgenda,
  closeRound,
  createMeeting,
  createRound,
  deleteMeeting,
  meetingNotes,
  removeCandidate,
  removeFromAgenda,
  reopenRound,
  setBallot,
  setPresenter,
  updateMeeting,
  type Actor,
} from '../../shared/model'
import type { MutationOp } from '../fixtures/mutation-ops'
import { MEMBER_IDS, paperRefId } from '../fixtures/property-group'
import { resolve, type World } from './mutation-world'

const PLANNING = new Set([
  'createRound',
  'addCandidate',
  'removeCandidate',
  'setBallot',
  'closeRound',
  'reopenRound',
  'createMeeting',
  'updateMeeting',
  'addToAgenda',
  'removeFromAgenda',
  'setPresenter',
  'deleteMeeting',
  'editNotes',
] as const)

/** A planning mutation. */
export type PlanningOp = Extract<
  MutationOp,
  { name: typeof PLANNING extends Set<infer N> ? N : never }
>

/** Whether `op` is a planning mutation. */
export function isPlanning(op: MutationOp): op is PlanningOp {
  return (PLANNING as Set<string>).has(op.name)
}

/**
 * Runs a planning mutation as `actor` on `device`; throws what the model throws. Returns false
 * when there was nothing to do (notes of a meeting the replica does not have).
 */
export function performPlanning(
  world: World,
  device: number,
  actor: Actor,
  op: PlanningOp,
): boolean {
  const doc = world.net.replicas[device]!.doc
  const made = world.made
  switch (op.name) {
    case 'createRound': {
      const input = {
        title: op.title,
        meetingDate: op.meetingDate,
        candidates: op.candidates.map((r) => paperRefId(r, doc)),
      }
      made.rounds.push(createRound(doc, actor, input).id)
      break
    }
    case 'addCandidate':
      addCandidate(doc, actor, resolve(made.rounds, op.round), paperRefId(op.ref, doc))
      break
    case 'removeCandidate':
      removeCandidate(doc, actor, resolve(made.rounds, op.round), paperRefId(op.ref, doc))
      break
    case 'setBallot':
      setBallot(
        doc,
        actor,
        resolve(made.rounds, op.round),
        op.ranking.map((r) => paperRefId(r, doc)),
      )
      break
    case 'closeRound': {
      const roundId = resolve(made.rounds, op.round)
      const before = Y.encodeStateAsUpdate(doc)
      closeRound(doc, actor, roundId)
      made.closings.push({ roundId, device, before })
      break
    }
    case 'reopenRound':
      reopenRound(doc, actor, resolve(made.rounds, op.round))
      break
    case 'createMeeting': {
      const fromRound =
        op.round === undefined ? {} : { roundId: resolve(made.rounds, op.round), count: op.count }
      const input = {
        date: op.date,
        title: op.title,
        papers: op.papers.map((r) => paperRefId(r, doc)),
        ...fromRound,
      }
      made.meetings.push(createMeeting(doc, actor, input).id)
      break
    }
    case 'updateMeeting':
      updateMeeting(doc, actor, resolve(made.meetings, op.meeting), op.changes)
      break
    case 'addToAgenda':
    case 'removeFromAgenda': {
      const meetingId = resolve(made.meetings, op.meeting)
      const paperId = typeof op.ref === 'string' ? op.ref : paperRefId(op.ref, doc)
      if (op.name === 'addToAgenda') addToAgenda(doc, actor, meetingId, paperId)
      else removeFromAgenda(doc, actor, meetingId, paperId)
      break
    }
    case 'setPresenter': {
      const presenter = op.presenter === null ? null : MEMBER_IDS[op.presenter]!
      setPresenter(
        doc,
        actor,
        resolve(made.meetings, op.meeting),
        paperRefId(op.ref, doc),
        presenter,
      )
      break
    }
    case 'deleteMeeting':
      deleteMeeting(doc, actor, resolve(made.meetings, op.meeting))
      break
    case 'editNotes': {
      // Typed into the meeting's shared text, as the client's bound <textarea> does.
      const notes = meetingNotes(doc, resolve(made.meetings, op.meeting))
      if (!notes) return false
      const at = op.at % (notes.length + 1)
      const remove = Math.min(op.remove, notes.length - at)
      doc.transact(() => {
        if (remove > 0) notes.delete(at, remove)
        if (op.text) notes.insert(at, op.text)
      })
      break
    }
  }
  return true
}
