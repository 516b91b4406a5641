/**
 * Votes: at most one per member per paper, keyed `paperId + SEP + memberId`, so concurrent
 * toggles by different members never double count and a member's own devices settle on one
 * value.
 */
import type * as Y from 'yjs'
import { pairKey, roots, splitPairKey } from './keys'
import { asTime } from './time'
import { writer } from './members'
import { requirePaper } from './papers'
import { sameAs } from './same-paper'
import * as v from './validate'
import type { Actor } from './types'

/** The ids of the members who voted for a paper, in the order they voted. */
export function votersOf(doc: Y.Doc, paperId: string): string[] {
  const ids = new Set(sameAs(doc, paperId))
  const voters = new Map<string, number>()
  roots(doc).votes.forEach((value, key) => {
    const parts = splitPairKey(key)
    const at = asTime(value)
    if (!parts || !ids.has(parts[0]) || at === undefined) return
    voters.set(parts[1], Math.min(at, voters.get(parts[1]) ?? at))
  })
  return [...voters].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id)
}

/** Sets whether the acting member votes for a paper. Returns the vote as it now stands. */
export function setVote(doc: Y.Doc, actor: Actor, paperId: string, on: boolean): boolean {
  const by = writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const want = v.bool('on', on)
  const { votes } = roots(doc)
  // A vote made on another record of the same paper counts, and is taken back with this one.
  const keys = sameAs(doc, paper.id)
    .map((id) => pairKey(id, by.memberId))
    .filter((key) => votes.has(key))
  if (keys.length > 0 === want) return want
  doc.transact(() => {
    if (want) votes.set(pairKey(paper.id, by.memberId), by.now)
    else keys.forEach((key) => votes.delete(key))
  })
  return want
}

/** Flips the acting member's vote on a paper. Returns the vote as it now stands. */
export function toggleVote(doc: Y.Doc, actor: Actor, paperId: string): boolean {
  const memberId = v.actor(actor).memberId
  const voted = votersOf(doc, v.paperRef('paperId', paperId)).includes(memberId)
  return setVote(doc, actor, paperId, !voted)
}
