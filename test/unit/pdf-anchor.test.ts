import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  anchorPdfTarget,
  describePdfSelection,
  pdfAnchorer,
  type PdfSelectors,
} from '../../shared/anchoring/pdf-anchor'
import { pdfPageText } from '../../shared/anchoring/pdf-page-text'
import { looseText } from '../../shared/anchoring/pdf-loose-text'
import { addAnnotation, addPaper, listAnnotations } from '../../shared/model'
import { ADA, groupDoc, paperInput } from '../fixtures/group'

const PAGES = [
  'Attention is all you need.\nWe propose a new simple network architecture,\nthe Transformer.',
  'The encoder maps an input sequence to a sequence of\ncontinuous representations. The decoder then generates\nan output sequence one element at a time.',
  'We trained on the standard WMT 2014 English-German dataset.\nThe decoder then generates text.',
]

/** The selectors of the first occurrence of `phrase` on `page`. */
function select(pages: readonly string[], page: number, phrase: string, from = 0): PdfSelectors {
  const text = pages[page - 1] ?? ''
  const start = text.indexOf(phrase, from)
  if (start < 0) throw new Error(`"${phrase}" is not on page ${page}`)
  const selectors = describePdfSelection(text, { page, start, end: start + phrase.length })
  if (!selectors) throw new Error('nothing selected')
  return selectors
}

const quoted = (pages: readonly string[], placement: ReturnType<typeof anchorPdfTarget>) =>
  placement.place === 'page'
    ? pages[placement.page - 1]?.slice(placement.range.start, placement.range.end)
    : undefined

describe('PDF page text', () => {
  it('joins items in order with a newline after each line, and says where each item starts', () => {
    const page = pdfPageText([
      { str: 'The encoder', hasEOL: false },
      { str: ' ', hasEOL: false },
      { type: 'beginMarkedContent' },
      { str: 'maps an input', hasEOL: true },
      { type: 'endMarkedContent' },
      { str: 'sequence.', hasEOL: false },
    ])
    expect(page.text).toBe('The encoder maps an input\nsequence.')
    expect(page.starts).toEqual([0, 11, -1, 12, -1, 26])
  })

  it('reads characters a highlight may not store as one unit each, keeping every offset', () => {
    const page = pdfPageText([
      { str: 'a\u0000b\u0085c\ud835', hasEOL: true },
      { str: 'd\u{1d4d0}' },
    ])
    expect(page.text).toBe('a b c\ufffd\nd\u{1d4d0}')
    expect(page.starts).toEqual([0, 7])
  })
})

describe('describing a selection on a PDF page', () => {
  it('leaves out whitespace at either end and keeps context on both sides', () => {
    const text = PAGES[1] ?? ''
    const start = text.indexOf('continuous') - 1
    const end = text.indexOf('representations.') + 'representations.'.length + 1
    expect(describePdfSelection(text, { page: 2, start: end, end: start })).toEqual({
      page: 2,
      quote: {
        exact: 'continuous representations.',
        prefix: 'input sequence to a sequence of\n',
        suffix: ' The decoder then generates\nan o',
      },
      position: { start: start + 1, end: end - 1 },
    })
  })

  it('gives nothing for a selection of whitespace only, and never half a character', () => {
    expect(describePdfSelection('a \n b', { page: 1, start: 1, end: 4 })).toBeUndefined()
    const math = 'Let \u{1d4d0} be a set.'
    expect(describePdfSelection(math, { page: 1, start: 5, end: 6 })?.quote.exact).toBe('\u{1d4d0}')
  })

  it('makes a target the model stores and that anchors where it was made', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const selectors = select(PAGES, 2, 'representations. The decoder then generates\nan output')
    addAnnotation(doc, ADA, { paperId: paper.id, target: { source: paper.id, ...selectors } })
    const [stored] = listAnnotations(doc, paper.id)
    expect(stored?.target.page).toBe(2)
    expect(anchorPdfTarget(PAGES, stored!.target)).toEqual({
      place: 'page',
      page: 2,
      range: selectors.position,
      match: 'position',
    })
  })
})

describe('anchoring a highlight on a PDF page', () => {
  it('finds the quote when text was inserted before it on the page', () => {
    const target = select(PAGES, 2, 'continuous representations')
    const shifted = [...PAGES]
    shifted[1] = `Section 3.1: Encoder and decoder stacks.\n${PAGES[1]}`
    const placement = anchorPdfTarget(shifted, target)
    expect(placement).toMatchObject({ place: 'page', page: 2, match: 'quote' })
    expect(quoted(shifted, placement)).toBe('continuous representations')
  })

  it('finds a quote another extraction spaces and hyphenates differently', () => {
    const target = select(PAGES, 2, 'sequence of\ncontinuous representations')
    const respaced = [...PAGES]
    respaced[1] =
      'The encoder maps an input sequence to a   sequence of continuous repre-\nsentations.'
    const placement = anchorPdfTarget(respaced, target)
    expect(placement).toMatchObject({ place: 'page', page: 2, match: 'loose' })
    expect(quoted(respaced, placement)).toBe('sequence of continuous repre-\nsentations')

    const joined = [...PAGES]
    joined[1] = 'The encoder maps an input sequence to a sequence of continuous representations.'
    const hyphenated = select(respaced, 2, 'continuous repre-\nsentations')
    expect(quoted(joined, anchorPdfTarget(joined, hyphenated))).toBe('continuous representations')
  })

  it('finds a quote whose ligatures and accents another extraction writes apart', () => {
    const pages = ['The ﬁrst Schrödinger equation']
    const target = select(pages, 1, 'ﬁrst Schrödinger')
    const other = ['The first Schro\u00a8dinger equation']
    const placement = anchorPdfTarget(other, target)
    expect(placement).toMatchObject({ place: 'page', page: 1, match: 'loose' })
    expect(quoted(other, placement)).toBe('first Schro\u00a8dinger')
  })

  it('chooses among repeated quotes by their context, then by the stored position', () => {
    const text = PAGES[1] ?? ''
    const second = text.indexOf('sequence', text.indexOf('sequence') + 1)
    const target = select(PAGES, 2, 'sequence', second)
    const moved = [...PAGES]
    moved[1] = `A sequence here. ${text}`
    const placement = anchorPdfTarget(moved, target)
    expect(placement).toMatchObject({ place: 'page', page: 2, match: 'quote' })
    expect(placement.place === 'page' && placement.range.start).toBe(second + 17)

    const same = ['one two. one two. one two.']
    const bare = { page: 1, quote: { exact: 'one', prefix: '', suffix: '' } }
    const near = (start: number) =>
      anchorPdfTarget(same, { ...bare, position: { start, end: start + 3 } })
    expect(near(10)).toMatchObject({ range: { start: 9, end: 12 }, match: 'quote' })
    expect(near(17)).toMatchObject({ range: { start: 18, end: 21 }, match: 'quote' })
  })

  it('follows a quote to another page, preferring its context, then the nearest page', () => {
    const target = select(PAGES, 3, 'English-German dataset')
    const reflowed = [PAGES[0] ?? '', PAGES[1] ?? '', 'Results.', `${PAGES[2]}`]
    expect(anchorPdfTarget(reflowed, target)).toMatchObject({ place: 'page', page: 4 })

    // 'The decoder then generates' is on pages 2 and 3; page 3's context is the stored one.
    const decoder = select(PAGES, 3, 'The decoder then generates')
    const later = [PAGES[0] ?? '', PAGES[1] ?? '', 'Intentionally blank.', PAGES[2] ?? '']
    expect(anchorPdfTarget(later, decoder)).toMatchObject({ place: 'page', page: 4 })

    const plain = {
      page: 3,
      quote: { exact: 'generates', prefix: '', suffix: '' },
      position: { start: 0, end: 9 },
    }
    const twice = ['x', 'it generates', 'gone', 'it generates']
    expect(anchorPdfTarget(twice, plain)).toMatchObject({ place: 'page', page: 2 })
  })

  it('orphans a highlight whose passage is on no page, and keeps looking past a missing page', () => {
    const target = select(PAGES, 2, 'continuous representations')
    const rewritten = PAGES.map((text) => text.replace('continuous representations', 'vectors'))
    expect(anchorPdfTarget(rewritten, target)).toEqual({ place: 'orphaned' })
    expect(anchorPdfTarget([], target)).toEqual({ place: 'orphaned' })
    expect(anchorPdfTarget([PAGES[1] ?? ''], target)).toMatchObject({ place: 'page', page: 1 })
  })

  it('places many highlights with one anchorer, and finds an abstract highlight from page 1', () => {
    const anchor = pdfAnchorer(PAGES)
    const abstract = 'Attention is all you need. We propose a new simple network architecture'
    const onAbstract = {
      quote: {
        exact: 'We propose a new simple network architecture',
        prefix: 'need. ',
        suffix: '',
      },
      position: { start: 27, end: abstract.length },
    }
    expect(anchor(onAbstract)).toMatchObject({ place: 'page', page: 1, range: { start: 27 } })
    expect(anchor(select(PAGES, 3, 'WMT 2014'))).toMatchObject({ page: 3, match: 'position' })
  })
})

describe('PDF anchoring, for any page text', () => {
  const pageText = fc.string({
    unit: fc.constantFrom('a', 'b', 'ab ', ' ', '\n', '-', 'ﬁ', 'é', 'e\u0301', '\u{1d4d0}', '.'),
    minLength: 1,
    maxLength: 80,
  })
  const selection = fc.tuple(fc.nat(), fc.nat(), fc.nat())

  it('finds a highlight where it was made, and its passage again after text is added', () => {
    fc.assert(
      fc.property(
        fc.array(pageText, { minLength: 1, maxLength: 4 }),
        selection,
        pageText,
        (pages, [p, a, b], added) => {
          const page = (p % pages.length) + 1
          const text = pages[page - 1] ?? ''
          const target = describePdfSelection(text, {
            page,
            start: a % (text.length + 1),
            end: b % (text.length + 1),
          })
          if (!target) return
          expect(anchorPdfTarget(pages, target)).toEqual({
            place: 'page',
            page,
            range: target.position,
            match: 'position',
          })
          const grown = pages.map((t, i) => (i === page - 1 ? added + t : t))
          const placement = anchorPdfTarget(grown, target)
          expect(placement.place).toBe('page')
          expect(looseText(quoted(grown, placement) ?? '').text).toBe(
            looseText(target.quote.exact).text,
          )
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('describes any selection of any extracted text as a target the model stores', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))
    const item = fc.record({ str: fc.string({ unit, maxLength: 30 }), hasEOL: fc.boolean() })
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), selection, (items, [, a, b]) => {
        const { text } = pdfPageText(items)
        const selectors = describePdfSelection(text, {
          page: 1,
          start: a % (text.length + 1),
          end: b % (text.length + 1),
        })
        if (!selectors) return
        const target = { source: paper.id, ...selectors }
        expect(addAnnotation(doc, ADA, { paperId: paper.id, target }).target).toEqual(target)
      }),
    )
  })
})
