import { describe, expect, it } from 'vitest'
import {
  addAnnotation,
  addComment,
  addPaper,
  addTag,
  getMember,
  getPaper,
  listAnnotations,
  listComments,
  listMembers,
  readLibrary,
  readingStatusOf,
  selectorsFor,
  setReadingStatus,
  tagsOf,
} from '../../../shared/model'
import { pairKey, roots } from '../../../shared/model/keys'
import { asTime } from '../../../shared/model/time'
import { ADA, BEN, groupDoc, paperInput } from '../../fixtures/group'

// A valid number but past the last time a Date can hold: formatting it throws a RangeError.
const FAR = 1e16

/** Replaces fields of a stored record, as another replica could. */
function patch(
  map: ReturnType<typeof roots>[keyof ReturnType<typeof roots>],
  key: string,
  fields: object,
) {
  map.set(key, { ...(map.get(key) as object), ...fields })
}

/** True when `at` is a time a Date can hold, so that formatting it cannot throw. */
const datable = (at: number) => !Number.isNaN(new Date(at).getTime())

function seeded() {
  const doc = groupDoc()
  const { paper } = addPaper(doc, ADA, paperInput())
  const annotation = addAnnotation(doc, BEN, {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(paper.abstract, 0, 4) },
  })
  const comment = addComment(doc, BEN, { paperId: paper.id, body: 'Hello' })
  addTag(doc, BEN, paper.id, 'rl')
  setReadingStatus(doc, BEN, paper.id, 'read')
  return { doc, paper, annotation, comment }
}

describe('asTime', () => {
  it('keeps times a Date can hold and nothing else', () => {
    expect(asTime(0)).toBe(0)
    expect(asTime(Date.UTC(2026, 2, 13))).toBe(Date.UTC(2026, 2, 13))
    expect(asTime(8.64e15)).toBe(8.64e15)
    expect(asTime(-8.64e15)).toBe(-8.64e15)
    for (const bad of [FAR, -FAR, 8.64e15 + 1, Infinity, -Infinity, NaN, '1', null, undefined]) {
      expect(asTime(bad)).toBeUndefined()
    }
  })
})

describe('times read from the document', () => {
  it('are always times a Date can hold, whatever another replica stored', () => {
    const { doc, paper, annotation, comment } = seeded()
    const r = roots(doc)
    patch(r.papers, paper.id, { addedAt: FAR })
    patch(r.annotations, annotation.id, { created: FAR, edited: -FAR })
    patch(r.comments, comment.id, { created: FAR, edited: NaN })
    patch(r.members, 'ben', { joined: Infinity })
    patch(r.tags, pairKey(paper.id, 'rl'), { addedAt: FAR })
    patch(r.status, pairKey(paper.id, 'ben'), { at: -Infinity })

    expect(getPaper(doc, paper.id)?.addedAt).toBe(0)
    expect(listAnnotations(doc, paper.id)[0]).toMatchObject({ created: 0, edited: undefined })
    expect(listComments(doc, paper.id)[0]).toMatchObject({ created: 0, edited: undefined })
    expect(getMember(doc, 'ben')?.joined).toBe(0)
    expect(tagsOf(doc, paper.id)).toEqual([{ tag: 'rl', addedBy: 'ben', addedAt: 0 }])
    expect(readingStatusOf(doc, paper.id)).toEqual([{ memberId: 'ben', status: 'read', at: 0 }])
    const [entry] = readLibrary(doc)
    expect(Object.values(entry!.lastActivity).every(datable)).toBe(true)
  })

  it('keep the latest valid activity when one record holds a bad time', () => {
    const { doc, paper, annotation } = seeded()
    patch(roots(doc).annotations, annotation.id, { created: FAR })
    // Ben's comment was written at BEN.now; the bad annotation time must not win over it.
    expect(readLibrary(doc).find((e) => e.paper.id === paper.id)?.lastActivity.ben).toBe(BEN.now)
  })
})

describe('colours read from the document', () => {
  it('are #rrggbb or a neutral grey, never something CSS would draw', () => {
    const { doc, paper, annotation } = seeded()
    const r = roots(doc)
    patch(r.members, 'ben', { colour: 'url(data:image/svg+xml,<svg/>)' })
    patch(r.members, 'ada', { colour: '#1F77B4' })
    patch(r.annotations, annotation.id, { colour: 'red;background:url(x)' })

    expect(getMember(doc, 'ben')?.colour).toBe('#888888')
    expect(getMember(doc, 'ada')?.colour).toBe('#1f77b4')
    expect(listMembers(doc).map((m) => m.colour)).toEqual(['#1f77b4', '#888888'])
    expect(listAnnotations(doc, paper.id)[0]?.colour).toBe('#888888')
  })
})
