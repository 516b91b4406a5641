import { createMemo } from 'solid-js'
import type { Member, RoundView } from '../../../shared/model'
import type { LibraryItem } from '../../data/create-library'
import { candidateLabel } from './round-labels'

/** A candidate as the round's page names it. */
export interface CandidatePaper {
  id: string
  /** Its letter in the round ("A"), stable while ballots change. */
  label: string
  title: string
}

/** What a paper of the round is called when this device does not have it (yet). */
export const UNKNOWN_PAPER = 'A paper not on this device yet'

/**
 * Names for the round's page: candidates by id (through every id of their paper), with the
 * letter the round gives them, and members by id.
 */
export function createRoundNames(
  round: () => RoundView,
  library: () => readonly LibraryItem[],
  members: () => readonly Member[],
) {
  const papers = createMemo(() => {
    const byId = new Map<string, LibraryItem>()
    for (const entry of library()) for (const id of entry.aliases) byId.set(id, entry)
    return byId
  })
  const labels = createMemo(
    () => new Map(round().candidates.map((id, i) => [id, candidateLabel(i)])),
  )
  return {
    paperOf: (id: string): CandidatePaper => ({
      id,
      label: labels().get(id) ?? '?',
      title: papers().get(id)?.paper.title ?? UNKNOWN_PAPER,
    }),
    nameOf: (memberId: string) =>
      members().find((member) => member.id === memberId)?.name ?? 'a former member',
  }
}
