import type * as Y from 'yjs'
import { listRounds, readRound, type RoundSummary, type RoundView } from '../../shared/model'
import { createDocProjection, type DocProjection } from './create-doc-projection'
import type { GroupView } from './create-group-view'

/** A round as the list of rounds shows it: with who has a ballot that counts. */
export interface RoundListItem extends RoundSummary {
  /** Member ids whose ballots count (the frozen ones while the round is closed). */
  voters: string[]
}

/** Every round of the group, newest first, each with its voters. */
export function readRoundList(doc: Y.Doc): RoundListItem[] {
  return listRounds(doc).map((round) => ({
    ...round,
    voters: Object.keys(readRound(doc, round.id)?.ballots ?? {}),
  }))
}

/** The group's rounds as a Solid store that follows the document. */
export function createRoundList(view: GroupView): DocProjection<RoundListItem[]> {
  return createDocProjection(view.doc, readRoundList, [])
}

/**
 * One round, its ballots and result, following the document; undefined while the round is not
 * in this replica (a wrong link, or not synced yet). Make a new one for another round.
 */
export function createRoundView(
  view: GroupView,
  roundId: string,
): DocProjection<RoundView | undefined> {
  return createDocProjection(view.doc, (doc) => readRound(doc, roundId), undefined)
}
