import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import fc from 'fast-check'
import {
  addComment,
  addPaper,
  addTag,
  editComment,
  getComment,
  importPapers,
  listComments,
  listPapers,
  readLibrary,
  removeTag,
  setCommentDeleted,
  setReadingStatus,
  setThreadResolved,
  setVote,
  tagsOf,
  toggleVote,
  votersOf,
  type Actor,
  type PaperInput,
} from '../../../shared/model'
import { ADA, BEN, CAY, groupDoc, paperInput, replicaOf } from '../../fixtures/group'
import { canonical, permutations, recordUpdates, syncAll } from '../../helpers/replicas'

/** Three replicas of one group (Ada, Ben, Cay), in sync, each recording its own later updates. */
function threeReplicas(seed?: (doc: Y.Doc) => void) {
  const origin = groupDoc({ withCay: true })
  seed?.(origin)
  const docs = [origin, replicaOf(origin), replicaOf(origin)]
  const logs = docs.map(recordUpdates)
  return { docs, logs }
}

/** Delivers each replica's recorded updates to the others, senders in the given order. */
function deliver(docs: Y.Doc[], logs: Uint8Array[][], senders: number[], reverse = false) {
  const batches = senders.map((i) => ({ from: i, updates: logs[i]!.slice() }))
  for (const { from, updates } of batches) {
    for (const update of reverse ? updates.reverse() : updates) {
      docs.forEach((doc, to) => to !== from && Y.applyUpdate(doc, update))
    }
  }
}

describe('convergence', () => {
  it('ends identical whatever order three replicas’ concurrent edits arrive in', () => {
    for (const order of permutations([0, 1, 2])) {
      for (const reverse of [false, true]) {
        const { docs, logs } = threeReplicas((doc) => addPaper(doc, ADA, paperInput()))
        const paperId = listPapers(docs[0]!)[0]!.id
        const actors = [ADA, BEN, CAY]
        docs.forEach((doc, i) => {
          const actor = actors[i]!
          toggleVote(doc, actor, paperId)
          addTag(doc, actor, paperId, i === 2 ? 'vision' : 'rlhf')
          setReadingStatus(doc, actor, paperId, 'reading')
          addComment(doc, actor, { paperId, body: `Comment ${i}` })
          addPaper(doc, actor, paperInput({ title: `Only on replica ${i}` }))
        })
        deliver(docs, logs, order, reverse)
        const [a, b, c] = docs.map(canonical)
        expect(b).toBe(a)
        expect(c).toBe(a)
        expect(votersOf(docs[0]!, paperId)).toEqual(['ada', 'ben', 'cay'])
        expect(tagsOf(docs[1]!, paperId).map((t) => t.tag)).toEqual(['rlhf', 'vision'])
        expect(listComments(docs[2]!, paperId)).toHaveLength(3)
        expect(listPapers(docs[0]!)).toHaveLength(4)
      }
    }
  })

  it('merges a paper two members added offline, keeping both their votes and tags', () => {
    const { docs, logs } = threeReplicas()
    const [ada, ben] = docs as [Y.Doc, Y.Doc]
    addPaper(ada, ADA, paperInput({ arxivId: '2401.12345v1', title: 'Same paper' }))
    addPaper(ben, BEN, paperInput({ arxivId: '2401.12345v2', title: 'Same paper (v2)' }))
    toggleVote(ada, ADA, '2401.12345')
    toggleVote(ben, BEN, '2401.12345')
    addTag(ada, ADA, '2401.12345', 'mine')
    addTag(ben, BEN, '2401.12345', 'yours')
    deliver(docs, logs, [1, 0, 2])
    expect(canonical(ada)).toBe(canonical(ben))
    expect(listPapers(ada)).toHaveLength(1)
    expect(votersOf(ada, '2401.12345')).toEqual(['ada', 'ben'])
    expect(tagsOf(ben, '2401.12345').map((t) => t.tag)).toEqual(['mine', 'yours'])
  })

  it('never double counts a member who votes on two of their own devices', () => {
    const { docs, logs } = threeReplicas((doc) => addPaper(doc, ADA, paperInput()))
    const paperId = listPapers(docs[0]!)[0]!.id
    setVote(docs[0]!, ADA, paperId, true)
    setVote(docs[1]!, { memberId: 'ada', now: 1 }, paperId, true)
    deliver(docs, logs, [0, 1, 2])
    expect(votersOf(docs[2]!, paperId)).toEqual(['ada'])
    expect(readLibrary(docs[1]!)[0]?.voters).toEqual(['ada'])
  })

  it('keeps an author’s edit and another member’s resolve made at the same time', () => {
    const { docs, logs } = threeReplicas((doc) => addPaper(doc, ADA, paperInput()))
    const paperId = listPapers(docs[0]!)[0]!.id
    const root = addComment(docs[0]!, ADA, { paperId, body: 'First draft' })
    syncAll(docs)
    logs.forEach((log) => log.splice(0))
    editComment(docs[0]!, ADA, root.id, 'Second draft')
    setThreadResolved(docs[1]!, BEN, root.id, true)
    deliver(docs, logs, [1, 0])
    for (const doc of docs) {
      expect(getComment(doc, root.id)).toMatchObject({ body: 'Second draft', resolved: true })
    }
  })

  it('keeps a reply written while its parent was being deleted, under the tombstone', () => {
    const { docs, logs } = threeReplicas((doc) => addPaper(doc, ADA, paperInput()))
    const paperId = listPapers(docs[0]!)[0]!.id
    const root = addComment(docs[0]!, ADA, { paperId, body: 'Root' })
    syncAll(docs)
    logs.forEach((log) => log.splice(0))
    setCommentDeleted(docs[0]!, ADA, root.id, true)
    const reply = addComment(docs[2]!, CAY, { paperId, parentId: root.id, body: 'Reply' })
    deliver(docs, logs, [2, 0])
    for (const doc of docs) {
      const thread = listComments(doc, paperId)
      expect(thread.map((c) => [c.id, c.deleted])).toEqual([
        [root.id, true],
        [reply.id, false],
      ])
    }
  })

  it('converges under random concurrent edits with random sync points', () => {
    const actors: Actor[] = [ADA, BEN, CAY]
    const op = fc.record({
      replica: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('vote', 'tag', 'untag', 'status', 'comment', 'paper', 'sync'),
      paper: fc.integer({ min: 0, max: 3 }),
      value: fc.integer({ min: 0, max: 2 }),
    })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const titles = ['P0', 'P1', 'P2', 'P3']
        const origin = groupDoc({ withCay: true })
        importPapers(
          origin,
          ADA,
          titles.slice(0, 2).map((title) => paperInput({ title })),
        )
        const docs = [origin, replicaOf(origin), replicaOf(origin)]
        // A paper may arrive by title, by arXiv id alone, or with both, on any replica.
        const arxivIds = ['2401.00010', '2401.00011', '2401.00012', '2401.00013']
        const variants = (i: number): PaperInput[] => [
          paperInput({ title: titles[i]! }),
          { arxivId: arxivIds[i]!, source: 'arxiv' },
          paperInput({ title: titles[i]!, arxivId: arxivIds[i]! }),
        ]
        const idOf = (doc: Y.Doc, i: number) =>
          listPapers(doc).find((p) => p.title === titles[i] || p.arxivId === arxivIds[i])?.id
        for (const o of ops) {
          const doc = docs[o.replica]!
          const actor = actors[o.replica]!
          const paperId = idOf(doc, o.paper)
          if (o.kind === 'sync') syncAll([doc, docs[(o.replica + 1) % 3]!])
          else if (o.kind === 'paper') addPaper(doc, actor, variants(o.paper)[o.value]!)
          else if (!paperId) continue
          else if (o.kind === 'vote') toggleVote(doc, actor, paperId)
          else if (o.kind === 'tag') addTag(doc, actor, paperId, `t${o.value}`)
          else if (o.kind === 'untag') removeTag(doc, actor, paperId, `t${o.value}`)
          else if (o.kind === 'status')
            setReadingStatus(doc, actor, paperId, ['to-read', 'read', null][o.value] as never)
          else addComment(doc, actor, { paperId, body: `c${o.value}` })
        }
        syncAll(docs)
        const expected = canonical(docs[0]!)
        for (const doc of docs) expect(canonical(doc)).toBe(expected)
        for (const entry of readLibrary(docs[0]!)) {
          expect(new Set(entry.voters).size).toBe(entry.voters.length)
        }
        // No paper is listed twice, by title or by arXiv id, however it arrived where. (A paper
        // known only by its id is not yet known to be the one with that title.)
        const listed = listPapers(docs[0]!)
        const known = listed.filter((p) => !p.needsMetadata).map((p) => p.title)
        expect(new Set(known).size).toBe(known.length)
        const withIds = listed.flatMap((p) => (p.arxivId ? [p.arxivId] : []))
        expect(new Set(withIds).size).toBe(withIds.length)
      }),
      { numRuns: 200, seed: 20261127 },
    )
  })
})
