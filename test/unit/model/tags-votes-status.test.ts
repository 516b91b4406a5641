import { describe, expect, it } from 'vitest'
import {
  NotFoundError,
  ValidationError,
  addPaper,
  addTag,
  readingStatusOf,
  removeTag,
  setReadingStatus,
  setVote,
  tagCounts,
  tagsOf,
  toggleVote,
  votersOf,
  type ReadingStatus,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../../fixtures/group'

function setup() {
  const doc = groupDoc()
  const a = addPaper(doc, ADA, paperInput({ title: 'Paper A' })).paper
  const b = addPaper(doc, ADA, paperInput({ title: 'Paper B' })).paper
  return { doc, a, b }
}

describe('tags', () => {
  it('normalizes tags so one spelling is one tag, and keeps who added it first', () => {
    const { doc, a } = setup()
    addTag(doc, ADA, a.id, ' RLHF ')
    addTag(doc, BEN, a.id, 'rlhf')
    addTag(doc, BEN, a.id, 'Reward   models')
    expect(tagsOf(doc, a.id)).toEqual([
      { tag: 'reward models', addedBy: 'ben', addedAt: BEN.now },
      { tag: 'rlhf', addedBy: 'ada', addedAt: ADA.now },
    ])
  })

  it('counts papers per tag, most used first', () => {
    const { doc, a, b } = setup()
    addTag(doc, ADA, a.id, 'rlhf')
    addTag(doc, ADA, b.id, 'rlhf')
    addTag(doc, ADA, b.id, 'vision')
    expect(tagCounts(doc)).toEqual([
      { tag: 'rlhf', count: 2 },
      { tag: 'vision', count: 1 },
    ])
  })

  it('removes a tag whoever added it, and says whether it was there', () => {
    const { doc, a } = setup()
    addTag(doc, ADA, a.id, 'rlhf')
    expect(removeTag(doc, BEN, a.id, 'RLHF')).toBe(true)
    expect(removeTag(doc, BEN, a.id, 'rlhf')).toBe(false)
    expect(tagsOf(doc, a.id)).toEqual([])
  })

  it.each([[''], ['#rlhf'], ['x'.repeat(51)], ['tab\u0001']])('refuses the tag %j', (tag) => {
    const { doc, a } = setup()
    expect(() => addTag(doc, ADA, a.id, tag)).toThrow(ValidationError)
    expect(tagCounts(doc)).toEqual([])
  })

  it('refuses tags on unknown papers', () => {
    expect(() => addTag(setup().doc, ADA, 'nope', 'x')).toThrow(NotFoundError)
  })
})

describe('votes', () => {
  it('counts one vote per member, toggled on and off', () => {
    const { doc, a } = setup()
    expect(toggleVote(doc, ADA, a.id)).toBe(true)
    expect(setVote(doc, ADA, a.id, true)).toBe(true)
    expect(toggleVote(doc, BEN, a.id)).toBe(true)
    expect(votersOf(doc, a.id)).toEqual(['ada', 'ben'])
    expect(toggleVote(doc, ADA, a.id)).toBe(false)
    expect(votersOf(doc, a.id)).toEqual(['ben'])
  })

  it('refuses votes on unknown papers and from non-members', () => {
    const { doc, a } = setup()
    expect(() => toggleVote(doc, ADA, 'nope')).toThrow(NotFoundError)
    expect(() => toggleVote(doc, { memberId: 'eve' }, a.id)).toThrow(NotFoundError)
    expect(votersOf(doc, a.id)).toEqual([])
  })
})

describe('reading status', () => {
  it('keeps each member’s own status and clears it with null', () => {
    const { doc, a } = setup()
    setReadingStatus(doc, ADA, a.id, 'reading')
    setReadingStatus(doc, BEN, a.id, 'to-read')
    setReadingStatus(doc, { memberId: 'ada', now: ADA.now! + 1 }, a.id, 'read')
    expect(readingStatusOf(doc, a.id).map((s) => [s.memberId, s.status])).toEqual([
      ['ada', 'read'],
      ['ben', 'to-read'],
    ])
    setReadingStatus(doc, BEN, a.id, null)
    expect(readingStatusOf(doc, a.id).map((s) => s.memberId)).toEqual(['ada'])
  })

  it('refuses an unknown status', () => {
    const { doc, a } = setup()
    expect(() => setReadingStatus(doc, ADA, a.id, 'skimmed' as ReadingStatus)).toThrow(
      ValidationError,
    )
    expect(readingStatusOf(doc, a.id)).toEqual([])
  })
})
