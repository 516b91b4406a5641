import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ValidationError,
  addAnnotation,
  addComment,
  addPaper,
  addTag,
  getPaper,
  importPapers,
  listAnnotations,
  listPapers,
  selectorMismatch,
  selectorsFor,
  upsertMember,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, paperInput, replicaOf } from '../../fixtures/group'
import { canonical, syncAll } from '../../helpers/replicas'

const MATH = '\u{1D4AA}' // 𝒪, two UTF-16 code units

describe('broken characters', () => {
  it('refuses half a surrogate pair in what a member writes', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    expect(() => addComment(doc, ADA, { paperId: paper.id, body: 'Nice \ud83d' })).toThrow(
      ValidationError,
    )
    expect(() => addPaper(doc, ADA, paperInput({ title: 'Broken \udc00 title' }))).toThrow(
      ValidationError,
    )
    expect(listPapers(doc)).toHaveLength(1)
  })

  it('never cuts a character in two when it takes context, so replicas agree', () => {
    const abstract = `The cost is ${MATH}(n log n) in the worst case, ${MATH}(n) on average.`
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput({ abstract }))
    const other = replicaOf(doc)
    const start = abstract.indexOf('(n log n)') + 1
    for (const context of [1, 2, 3]) {
      const selectors = selectorsFor(abstract, start, start + 1, context)
      expect(selectors.quote.prefix).not.toMatch(/[\ud800-\udfff]$/u)
      addAnnotation(doc, ADA, { paperId: paper.id, target: { source: paper.id, ...selectors } })
    }
    const end = abstract.indexOf(' in the worst')
    addAnnotation(doc, ADA, {
      paperId: paper.id,
      target: { source: paper.id, ...selectorsFor(abstract, end - 1, end, 13) },
    })
    syncAll([doc, other])
    expect(canonical(other)).toBe(canonical(doc))
    for (const annotation of listAnnotations(other, paper.id)) {
      const { quote, position } = annotation.target
      expect(selectorMismatch(abstract, quote, position)).toBeUndefined()
    }
  })
})

describe('what readers hand out', () => {
  it('is a copy: changing it changes nothing stored', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    addAnnotation(doc, ADA, {
      paperId: paper.id,
      target: { source: paper.id, ...selectorsFor(paper.abstract, 0, 4) },
    })
    getPaper(doc, paper.id)!.authors.push('Eve')
    paper.authors.push('Mallory')
    listAnnotations(doc, paper.id)[0]!.target.quote.exact = 'forged'
    expect(getPaper(doc, paper.id)!.authors).toEqual(paperInput().authors)
    expect(listAnnotations(doc, paper.id)[0]!.target.quote.exact).toBe('Deep')
  })

  it('ignores a record whose fields are only inherited', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const stored = doc.getMap('papers').get(paper.id) as object
    doc.getMap('papers').set('h:crafted', Object.create(stored) as object)
    expect(listPapers(doc).map((p) => p.id)).toEqual([paper.id])
    expect(importPapers(doc, BEN, [paperInput({ title: 'Another' })]).added).toHaveLength(1)
  })

  it('stores an enriched paper without its id or stray fields', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, { arxivId: '2401.12345', source: 'arxiv' })
    importPapers(doc, BEN, [paperInput({ arxivId: '2401.12345', title: 'Filled' })])
    expect(Object.keys(doc.getMap('papers').get('2401.12345') as object)).not.toContain('id')
  })
})

describe('values checked as stored', () => {
  it('measures a tag after lower-casing it', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    expect(() => addTag(doc, ADA, paper.id, 'İ'.repeat(30))).toThrow(ValidationError)
    expect(addTag(doc, ADA, paper.id, 'İ'.repeat(20)).tag.length).toBeLessThanOrEqual(50)
  })

  it('refuses control characters in a PDF highlight’s quote and context', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const target = {
      source: paper.id,
      page: 1,
      quote: { exact: 'a\rb', prefix: '', suffix: '' },
      position: { start: 0, end: 3 },
    }
    expect(() => addAnnotation(doc, ADA, { paperId: paper.id, target })).toThrow(ValidationError)
    const badPrefix = { ...target, quote: { exact: 'ab', prefix: '\u0000', suffix: '' } }
    const at = { ...badPrefix, position: { start: 0, end: 2 } }
    expect(() => addAnnotation(doc, ADA, { paperId: paper.id, target: at })).toThrow(
      ValidationError,
    )
    expect(listAnnotations(doc, paper.id)).toEqual([])
  })

  it('does not copy a hostile profile colour into new annotations', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    upsertMember(doc, BEN, { name: 'Ben', colour: '#ff7f0e' })
    const members = doc.getMap('members')
    members.set('ben', { ...(members.get('ben') as object), colour: 'red;background:url(x)' })
    const annotation = addAnnotation(doc, BEN, {
      paperId: paper.id,
      target: { source: paper.id, ...selectorsFor(paper.abstract, 0, 4) },
    })
    expect(annotation.colour).toBe('#888888')
  })
})

describe('document shape', () => {
  it('keeps working on a document another replica filled with junk', () => {
    const doc = groupDoc()
    for (const name of [
      'papers',
      'annotations',
      'comments',
      'tags',
      'votes',
      'status',
      'resolved',
    ]) {
      const map = doc.getMap(name)
      map.set('junk', 42)
      map.set(`x\u001fy`, { paperId: 7 })
      map.set('nested', new Y.Map())
    }
    const { paper } = addPaper(doc, ADA, paperInput())
    expect(listPapers(doc).map((p) => p.id)).toEqual([paper.id])
  })
})
