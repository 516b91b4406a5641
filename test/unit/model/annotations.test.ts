import { describe, expect, it } from 'vitest'
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  addAnnotation,
  addPaper,
  editAnnotation,
  getAnnotation,
  listAnnotations,
  selectorsFor,
  setAnnotationDeleted,
  type AnnotationTarget,
} from '../../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../../fixtures/group'

function setup() {
  const doc = groupDoc()
  const { paper } = addPaper(doc, ADA, paperInput())
  const at = (phrase: string, page?: number): AnnotationTarget => {
    const start = paper.abstract.indexOf(phrase)
    return { source: paper.id, ...selectorsFor(paper.abstract, start, start + phrase.length), page }
  }
  return { doc, paper, at }
}

describe('annotations', () => {
  it('highlights a passage of the abstract in the author’s colour', () => {
    const { doc, paper, at } = setup()
    const annotation = addAnnotation(doc, BEN, {
      paperId: paper.id,
      target: at('classification tasks'),
    })
    expect(annotation).toMatchObject({
      paperId: paper.id,
      author: 'ben',
      colour: '#ff7f0e',
      note: '',
      deleted: false,
      target: {
        quote: { exact: 'classification tasks', prefix: 'neural networks perform well on ' },
        position: { start: 37, end: 57 },
      },
    })
    expect(getAnnotation(doc, annotation.id)).toEqual(annotation)
  })

  it('lists a paper’s annotations in text order', () => {
    const { doc, paper, at } = setup()
    addAnnotation(doc, ADA, { paperId: paper.id, target: at('labeled data'), note: 'second' })
    addAnnotation(doc, BEN, { paperId: paper.id, target: at('Deep neural'), note: 'first' })
    expect(listAnnotations(doc, paper.id).map((a) => a.note)).toEqual(['first', 'second'])
  })

  it.each([
    ['a position outside the text', { position: { start: 500, end: 510 } }],
    ['a quote that is not at the position', { quote: { exact: 'nope', prefix: '', suffix: '' } }],
    [
      'an empty quote',
      { quote: { exact: '', prefix: '', suffix: '' }, position: { start: 3, end: 3 } },
    ],
    [
      'a wrong prefix',
      { quote: { exact: 'Deep', prefix: 'x', suffix: '' }, position: { start: 0, end: 4 } },
    ],
    ['another paper as source', { source: 'other' }],
  ])('refuses %s', (_name, change) => {
    const { doc, paper, at } = setup()
    const target = { ...at('classification tasks'), ...change } as AnnotationTarget
    expect(() => addAnnotation(doc, ADA, { paperId: paper.id, target })).toThrow(ValidationError)
    expect(listAnnotations(doc, paper.id, true)).toEqual([])
  })

  it('refuses an unknown paper and a bad colour', () => {
    const { doc, paper, at } = setup()
    expect(() => addAnnotation(doc, ADA, { paperId: 'nope', target: at('Deep') })).toThrow(
      NotFoundError,
    )
    expect(() =>
      addAnnotation(doc, ADA, { paperId: paper.id, target: at('Deep'), colour: 'blue' }),
    ).toThrow(ValidationError)
  })

  it('anchors on a PDF page by its selectors alone', () => {
    const { doc, paper } = setup()
    const target: AnnotationTarget = {
      source: paper.id,
      page: 2,
      quote: { exact: 'on page two', prefix: 'text ', suffix: '.' },
      position: { start: 100, end: 111 },
    }
    expect(addAnnotation(doc, ADA, { paperId: paper.id, target }).target.page).toBe(2)
    expect(() =>
      addAnnotation(doc, ADA, {
        paperId: paper.id,
        target: { ...target, position: { start: 100, end: 104 } },
      }),
    ).toThrow(ValidationError)
    expect(() =>
      addAnnotation(doc, ADA, { paperId: paper.id, target: { ...target, page: 0 } }),
    ).toThrow(ValidationError)
  })

  it('keeps which PDF a page highlight was made on, and refuses a hash that is none', () => {
    const { doc, paper, at } = setup()
    const hash = 'AB'.repeat(32)
    const target: AnnotationTarget = {
      source: paper.id,
      page: 3,
      pdf: hash,
      quote: { exact: 'on page three', prefix: '', suffix: '' },
      position: { start: 0, end: 13 },
    }
    const made = addAnnotation(doc, ADA, { paperId: paper.id, target })
    expect(getAnnotation(doc, made.id)?.target).toEqual({ ...target, pdf: 'ab'.repeat(32) })
    editAnnotation(doc, ADA, made.id, { note: 'Still on page 3' })
    expect(getAnnotation(doc, made.id)?.target.pdf).toBe('ab'.repeat(32))
    for (const pdf of ['ab'.repeat(31), 'zz'.repeat(32), 42]) {
      const bad = { ...target, pdf } as AnnotationTarget
      expect(() => addAnnotation(doc, ADA, { paperId: paper.id, target: bad })).toThrow(
        expect.objectContaining({ field: 'target.pdf' }),
      )
    }
    const onAbstract = { ...at('Deep'), pdf: hash }
    expect(() => addAnnotation(doc, ADA, { paperId: paper.id, target: onAbstract })).toThrow(
      /give target.page/,
    )
    expect(listAnnotations(doc, paper.id).map((a) => a.id)).toEqual([made.id])
  })

  it('skips a stored highlight whose page is no page, and drops a stored hash that is none', () => {
    const { doc, paper } = setup()
    const target = {
      source: paper.id,
      page: 2,
      quote: { exact: 'two', prefix: '', suffix: '' },
      position: { start: 4, end: 7 },
    }
    const { id } = addAnnotation(doc, ADA, { paperId: paper.id, target })
    const annotations = doc.getMap('annotations')
    const stored = annotations.get(id) as Record<string, unknown>
    for (const page of [0, -1, 1.5, '2', 1e9]) {
      annotations.set(id, { ...stored, target: { ...target, page } })
      expect(listAnnotations(doc, paper.id)).toEqual([])
    }
    annotations.set(id, { ...stored, target: { ...target, pdf: 'javascript:alert(1)' } })
    expect(getAnnotation(doc, id)?.target).toEqual(target)
  })

  it('lets only the author edit, delete and restore', () => {
    const { doc, paper, at } = setup()
    const { id } = addAnnotation(doc, ADA, { paperId: paper.id, target: at('Deep') })
    expect(() => editAnnotation(doc, BEN, id, { note: 'mine now' })).toThrow(ForbiddenError)
    expect(() => setAnnotationDeleted(doc, BEN, id, true)).toThrow(ForbiddenError)
    const edited = editAnnotation(doc, { memberId: 'ada', now: 42 }, id, {
      note: 'Why *deep*?',
      colour: '#00FF00',
    })
    expect(edited).toMatchObject({ note: 'Why *deep*?', colour: '#00ff00', edited: 42 })
    setAnnotationDeleted(doc, ADA, id, true)
    expect(listAnnotations(doc, paper.id)).toEqual([])
    expect(getAnnotation(doc, id)?.note).toBe('Why *deep*?')
    expect(() => editAnnotation(doc, ADA, id, { note: 'x' })).toThrow(ValidationError)
    setAnnotationDeleted(doc, ADA, id, false)
    expect(listAnnotations(doc, paper.id).map((a) => a.id)).toEqual([id])
  })

  it('refuses an empty patch and an unknown annotation', () => {
    const { doc, paper, at } = setup()
    const { id } = addAnnotation(doc, ADA, { paperId: paper.id, target: at('Deep') })
    expect(() => editAnnotation(doc, ADA, id, {})).toThrow(ValidationError)
    expect(() => editAnnotation(doc, ADA, 'missing', { note: 'x' })).toThrow(NotFoundError)
  })
})
