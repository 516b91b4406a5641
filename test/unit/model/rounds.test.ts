import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  addCandidate,
  addPaper,
  closeRound,
  createRound,
  listRounds,
  readRound,
  removeCandidate,
  reopenRound,
  setBallot,
} from '../../../shared/model'
import { ADA, BEN, CAY, groupWithPapers, later, paperInput, replicaOf } from '../../fixtures/group'
import { syncAll } from '../../helpers/replicas'
import { refused } from '../../helpers/refused'

const at = later

function setup() {
  const { doc, a, b, c, d } = groupWithPapers()
  const round = createRound(doc, ADA, {
    title: 'What do we read on 20 March?',
    meetingDate: '2026-03-20',
    candidates: [c, a, b],
  })
  return { doc, a, b, c, d, roundId: round.id }
}

const winners = (doc: Y.Doc, roundId: string) =>
  readRound(doc, roundId)!.result.ranking.map((r) => r.candidate)

describe('creating rounds', () => {
  it('creates a round whose candidates keep the order they were given', () => {
    const { doc, a, b, c, roundId } = setup()
    const view = readRound(doc, roundId)!
    expect(view.round).toMatchObject({
      title: 'What do we read on 20 March?',
      meetingDate: '2026-03-20',
      createdBy: 'ada',
      created: ADA.now,
    })
    expect(view.candidates).toEqual([c, a, b])
    expect(view.closed).toBe(false)
    expect(view.ballots).toEqual({})
    expect(listRounds(doc)).toEqual([{ ...view.round, closed: false }])
  })

  it('makes one candidate of a paper given twice, and allows an empty round without a date', () => {
    const { doc, a } = setup()
    const round = createRound(doc, BEN, { title: '  Next  time ', candidates: [a, a] })
    expect(round.title).toBe('Next time')
    expect(round.meetingDate).toBeUndefined()
    expect(readRound(doc, round.id)!.candidates).toEqual([a])
    const empty = createRound(doc, BEN, { title: 'Later', meetingDate: '', candidates: [] })
    expect(readRound(doc, empty.id)!.candidates).toEqual([])
  })

  it.each([
    ['an empty title', { title: ' ', candidates: [] }, ValidationError],
    ['a control character', { title: 'a\u0007', candidates: [] }, ValidationError],
    ['a bad date', { title: 'x', meetingDate: '2026-02-30', candidates: [] }, ValidationError],
    ['candidates that are not a list', { title: 'x', candidates: 'a' }, ValidationError],
    ['an unknown paper', { title: 'x', candidates: ['nope'] }, NotFoundError],
    ['too many candidates', { title: 'x', candidates: new Array(51).fill('a') }, ValidationError],
  ])('refuses %s and writes nothing', (_, input, type) => {
    const { doc } = setup()
    refused(doc, type, () => createRound(doc, BEN, input as never))
    expect(listRounds(doc)).toHaveLength(1)
  })

  it('refuses a round from someone who is not a member', () => {
    const { doc, a } = setup()
    refused(doc, NotFoundError, () =>
      createRound(doc, { memberId: 'eve' }, { title: 'x', candidates: [a] }),
    )
  })
})

describe('candidates', () => {
  it('adds and removes candidates, keeping the first adder, and orders them by addition', () => {
    const { doc, a, b, c, d, roundId } = setup()
    expect(addCandidate(doc, BEN, roundId, d)).toBe(d)
    expect(addCandidate(doc, CAY, roundId, d)).toBe(d)
    expect(readRound(doc, roundId)!.candidates).toEqual([c, a, b, d])
    expect(removeCandidate(doc, CAY, roundId, a)).toBe(true)
    expect(removeCandidate(doc, CAY, roundId, a)).toBe(false)
    expect(readRound(doc, roundId)!.candidates).toEqual([c, b, d])
  })

  it('keys a candidate given by another record of the same paper on the canonical id', () => {
    const { doc, roundId } = setup()
    const other = replicaOf(doc)
    const byTitle = addPaper(doc, ADA, paperInput({ title: 'Same paper' })).paper.id
    addPaper(other, BEN, paperInput({ title: 'Same paper', arxivId: '2401.12345' }))
    syncAll([doc, other])
    expect(addCandidate(doc, BEN, roundId, byTitle)).toBe('2401.12345')
    expect(readRound(doc, roundId)!.candidates).toContain('2401.12345')
    expect(removeCandidate(doc, BEN, roundId, byTitle)).toBe(true)
    expect(readRound(doc, roundId)!.candidates).not.toContain('2401.12345')
  })

  it('refuses unknown rounds and papers, bad ids and a closed round, writing nothing', () => {
    const { doc, a, d, roundId } = setup()
    refused(doc, NotFoundError, () => addCandidate(doc, BEN, 'nope', d))
    refused(doc, ValidationError, () => addCandidate(doc, BEN, 'bad id!', d))
    refused(doc, NotFoundError, () => addCandidate(doc, BEN, roundId, 'nope'))
    refused(doc, NotFoundError, () => removeCandidate(doc, BEN, roundId, 'nope'))
    refused(doc, NotFoundError, () => addCandidate(doc, { memberId: 'eve' }, roundId, d))
    closeRound(doc, ADA, roundId)
    refused(doc, ConflictError, () => addCandidate(doc, BEN, roundId, d))
    refused(doc, ConflictError, () => removeCandidate(doc, BEN, roundId, a))
  })
})

describe('ballots', () => {
  it('ranks the candidates from the members’ ballots', () => {
    const { doc, a, b, c, roundId } = setup()
    expect(setBallot(doc, ADA, roundId, [b, a, c])).toEqual([b, a, c])
    setBallot(doc, BEN, roundId, [b, c])
    const view = readRound(doc, roundId)!
    expect(view.ballots).toEqual({ ada: [b, a, c], ben: [b, c] })
    expect(view.result.ranking[0]).toEqual({ candidate: b, place: 1, tied: false })
    expect(winners(doc, roundId)).toEqual([b, c, a])
  })

  it('replaces a member’s ballot and withdraws it when emptied', () => {
    const { doc, a, b, roundId } = setup()
    setBallot(doc, BEN, roundId, [a])
    setBallot(doc, at(BEN, 1), roundId, [b, a])
    expect(readRound(doc, roundId)!.ballots).toEqual({ ben: [b, a] })
    expect(setBallot(doc, BEN, roundId, [])).toEqual([])
    expect(readRound(doc, roundId)!.ballots).toEqual({})
  })

  it('stops counting a removed candidate', () => {
    const { doc, a, b, roundId } = setup()
    setBallot(doc, BEN, roundId, [a, b])
    removeCandidate(doc, ADA, roundId, a)
    expect(readRound(doc, roundId)!.ballots).toEqual({ ben: [b] })
  })

  it.each([
    ['a paper that is not a candidate', (p: Papers) => [p.d], ValidationError],
    ['a repeat', (p: Papers) => [p.a, p.b, p.a], ValidationError],
    ['an unknown paper', () => ['nope'], NotFoundError],
    ['a ranking that is not a list', () => 'a' as never, ValidationError],
  ])('refuses %s and writes nothing', (_, ranking, type) => {
    const papers = setup()
    const { doc, roundId } = papers
    refused(doc, type, () => setBallot(doc, BEN, roundId, ranking(papers)))
    expect(readRound(doc, roundId)!.ballots).toEqual({})
  })

  it('refuses a ballot from a non-member, in an unknown round, or in a closed round', () => {
    const { doc, a, roundId } = setup()
    refused(doc, NotFoundError, () => setBallot(doc, { memberId: 'eve' }, roundId, [a]))
    refused(doc, NotFoundError, () => setBallot(doc, BEN, 'nope', [a]))
    closeRound(doc, ADA, roundId)
    refused(doc, ConflictError, () => setBallot(doc, BEN, roundId, [a]))
    expect(() => setBallot(doc, BEN, roundId, [a])).toThrow(/round is closed/)
  })
})

type Papers = ReturnType<typeof setup>

describe('closing and reopening', () => {
  it('freezes the result when closed and counts ballots again when reopened', () => {
    const { doc, a, b, roundId } = setup()
    setBallot(doc, BEN, roundId, [a])
    const closed = closeRound(doc, CAY, roundId)
    expect(closed).toMatchObject({ closed: true, closedBy: 'cay', closedAt: CAY.now })
    expect(listRounds(doc)[0]!.closed).toBe(true)
    expect(winners(doc, roundId)[0]).toBe(a)
    const reopened = reopenRound(doc, ADA, roundId)
    expect(reopened.closed).toBe(false)
    expect(reopened.closedBy).toBeUndefined()
    setBallot(doc, BEN, roundId, [b])
    expect(winners(doc, roundId)[0]).toBe(b)
  })

  it('refuses closing a closed round and reopening an open one', () => {
    const { doc, roundId } = setup()
    refused(doc, ConflictError, () => reopenRound(doc, ADA, roundId))
    closeRound(doc, ADA, roundId)
    refused(doc, ConflictError, () => closeRound(doc, BEN, roundId))
    refused(doc, NotFoundError, () => closeRound(doc, BEN, 'nope'))
    refused(doc, NotFoundError, () => reopenRound(doc, { memberId: 'eve' }, roundId))
  })

  it('keeps but does not count a ballot set offline while another device closed the round', () => {
    const { doc: ada, a, b, roundId } = setup()
    setBallot(ada, BEN, roundId, [a])
    const ben = replicaOf(ada)
    closeRound(ada, ADA, roundId)
    setBallot(ben, at(BEN, 5), roundId, [b, a])
    syncAll([ada, ben])
    for (const doc of [ada, ben]) {
      const view = readRound(doc, roundId)!
      expect(view.closed).toBe(true)
      expect(view.ballots).toEqual({ ben: [a] })
      expect(view.result.ranking[0]!.candidate).toBe(a)
    }
    reopenRound(ben, CAY, roundId)
    syncAll([ada, ben])
    for (const doc of [ada, ben]) {
      expect(readRound(doc, roundId)!.ballots).toEqual({ ben: [b, a] })
      expect(winners(doc, roundId)[0]).toBe(b)
    }
  })
})

describe('rounds across replicas', () => {
  it('settles a member’s ballots from two devices on one ballot', () => {
    const { doc: phone, a, b, c, roundId } = setup()
    const laptop = replicaOf(phone)
    setBallot(phone, BEN, roundId, [a, b])
    setBallot(laptop, at(BEN, 1), roundId, [c])
    syncAll([phone, laptop])
    const [one, two] = [readRound(phone, roundId)!, readRound(laptop, roundId)!]
    expect(one).toEqual(two)
    expect(Object.keys(one.ballots)).toEqual(['ben'])
    expect([[a, b], [c]]).toContainEqual(one.ballots.ben)
  })

  it('merges candidates added concurrently, in the same order on every replica', () => {
    const { doc: ada, roundId } = setup()
    const ben = replicaOf(ada)
    const cay = replicaOf(ada)
    const [x, y] = ['Paper X', 'Paper Y'].map((title) => {
      const id = addPaper(ada, ADA, paperInput({ title })).paper.id
      syncAll([ada, ben, cay])
      return id
    }) as [string, string]
    // Same time on two devices: the paper id breaks the tie.
    addCandidate(ben, at(BEN, 10), roundId, y)
    addCandidate(cay, { memberId: 'cay', now: BEN.now! + 10 }, roundId, x)
    addCandidate(ada, at(BEN, 20), roundId, x)
    syncAll([ada, ben, cay])
    const views = [ada, ben, cay].map((doc) => readRound(doc, roundId)!)
    expect(views[1]).toEqual(views[0])
    expect(views[2]).toEqual(views[0])
    const added = views[0]!.candidates.slice(3)
    expect(added).toEqual([x, y].sort())
  })
})

describe('stored values of the wrong shape', () => {
  it('skips them instead of breaking the round', () => {
    const { doc, a, b, c, roundId } = setup()
    setBallot(doc, BEN, roundId, [a])
    doc.transact(() => {
      doc.getMap('rounds').set('junk', 'not a round')
      doc.getMap('roundCandidates').set(`${roundId}\u001fnope`, { addedBy: 'eve', addedAt: 1 })
      doc.getMap('roundCandidates').set(`${roundId}\u001f${b}`, 'junk')
      doc.getMap('ballots').set(`${roundId}\u001fcay`, { ranking: [c, 7, 'nope'], at: 1 })
      doc.getMap('ballots').set(`${roundId}\u001feve`, { ranking: ['nope', c, c], at: 1 })
      doc.getMap('roundState').set(roundId, { closed: 'yes', by: 'eve', at: 1 })
    })
    expect(listRounds(doc).map((r) => r.id)).toEqual([roundId])
    const view = readRound(doc, roundId)!
    expect(view.closed).toBe(false)
    // b's record was replaced by junk, so b is no longer a candidate here.
    expect(view.candidates).toEqual([c, a])
    // Eve is not a member: a ballot under her id, however well formed, does not count.
    expect(view.ballots).toEqual({ ben: [a] })
  })
})
