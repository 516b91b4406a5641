/**
 * Votes: at most one per member per paper, keyed `paperId + SEP + memberId`, so concurrent
 * toggles by different members never double count and a member's own devices settle on one
 * value.
 */
import type * as Y from 'yjs'
import { pairKey, roots, splitPairKey } from './keys'
import { writer } from './members'
import { requirePaper } from './papers'
import * as v from './validate'
import type { Actor } from './types'

/** The ids of the members who voted for a paper, in the order they voted. */
export function votersOf(doc: Y.Doc, paperId: string): string[] {
  const voters: Array<[string, number]> = []
  roots(doc).votes.forEach((at, key) => {
    const parts = splitPairKey(key)
    if (parts?.[0] === paperId && typeof at === 'number') voters.push([parts[1], at])
  })
  return voters.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id)
}

/** Sets whether the acting member votes for a paper. Returns the vote as it now stands. */
export function setVote(doc: Y.Doc, actor: Actor, paperId: string, on: boolean): boolean {
  const by = writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const want = v.bool('on', on)
  const key = pairKey(paper.id, by.memberId)
  const { votes } = roots(doc)
  if (votes.has(key) === want) return want
  doc.transact(() => (want ? votes.set(key, by.now) : votes.delete(key)))
  return want
}

/** Flips the acting member's vote on a paper. Returns the vote as it now stands. */
export function toggleVote(doc: Y.Doc, actor: Actor, paperId: string): boolean {
  const memberId = v.actor(actor).memberId
  const key = pairKey(v.paperRef('paperId', paperId), memberId)
  return setVote(doc, actor, paperId, !roots(doc).votes.has(key))
}
