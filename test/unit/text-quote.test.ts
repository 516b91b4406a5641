import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { selectorMismatch, selectorsFor } from '../../shared/anchoring/text-quote'
import { anchorQuote } from '../../shared/anchoring/anchor-quote'
import { placeAnnotations } from '../../shared/anchoring/anchor-annotations'

const text = 'Value functions are a central component of deep reinforcement learning (RL).'

describe('text quote selectors', () => {
  it('builds quote and position selectors with context on both sides', () => {
    const start = text.indexOf('central')
    expect(selectorsFor(text, start, start + 7, 10)).toEqual({
      quote: { exact: 'central', prefix: 'ons are a ', suffix: ' component' },
      position: { start, end: start + 7 },
    })
  })

  it('clips context at the ends of the text', () => {
    expect(selectorsFor(text, 0, 5).quote.prefix).toBe('')
    expect(selectorsFor(text, text.length - 5, text.length).quote.suffix).toBe('')
  })

  it('accepts selectors made from the text and says why others do not fit', () => {
    const { quote, position } = selectorsFor(text, 6, 15)
    expect(selectorMismatch(text, quote, position)).toBeUndefined()
    expect(selectorMismatch(text, quote, { start: 7, end: 16 })).toMatch(/not the text/)
    expect(selectorMismatch(text, quote, { start: 0, end: 999 })).toMatch(/outside/)
    expect(selectorMismatch(text, { ...quote, prefix: 'Nope ' }, position)).toMatch(/prefix/)
    expect(selectorMismatch(text, { ...quote, suffix: 'x' }, position)).toMatch(/suffix/)
  })
})

describe('anchorQuote', () => {
  const abstract = 'We study value functions. Value functions are central; value functions are old.'
  const selectors = (start: number, end: number) => selectorsFor(abstract, start, end, 12)

  it('keeps the position while the quote is still there', () => {
    const { quote, position } = selectors(26, 41)
    expect(anchorQuote(abstract, quote, position)).toEqual(position)
  })

  it('finds the occurrence whose prefix and suffix match when the position is stale', () => {
    const start = abstract.indexOf('value functions are old')
    const { quote } = selectors(start, start + 15)
    expect(anchorQuote(abstract, quote, { start: 0, end: 15 })).toEqual({
      start,
      end: start + 15,
    })
  })

  it('prefers the occurrence nearest the old position when context does not decide', () => {
    const quote = { exact: 'functions', prefix: '', suffix: '' }
    const last = abstract.lastIndexOf('functions')
    expect(anchorQuote(abstract, quote, { start: last - 3, end: last + 6 })).toEqual({
      start: last,
      end: last + 9,
    })
  })

  it('re-anchors across changed spacing, such as line breaks of a re-imported abstract', () => {
    const wrapped = 'We study value\n  functions. Value functions are central.'
    const quote = { exact: 'study value functions', prefix: 'We ', suffix: '. Value' }
    const found = anchorQuote(wrapped, quote, { start: 3, end: 24 })
    expect(found && wrapped.slice(found.start, found.end)).toBe('study value\n  functions')
  })

  it('finds every passage again from its selectors, after text is added before it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é'), minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 5 }),
        (text, a, b, added) => {
          const start = a % text.length
          const end = start + 1 + (b % (text.length - start))
          const { quote, position } = selectorsFor(text, start, end, 8)
          expect(anchorQuote(text, quote, position)).toEqual(position)
          const moved = anchorQuote(added + text, quote, position)
          expect(moved && (added + text).slice(moved.start, moved.end)).toBe(quote.exact)
        },
      ),
    )
  })

  it('gives up on a quote that is nowhere in the text, or empty', () => {
    expect(anchorQuote(abstract, { exact: 'gradient', prefix: '', suffix: '' })).toBeUndefined()
    expect(anchorQuote(abstract, { exact: '', prefix: '', suffix: '' })).toBeUndefined()
    expect(anchorQuote('', { exact: 'value', prefix: '', suffix: '' })).toBeUndefined()
  })

  it('does not read a negative position from the end of the text', () => {
    const quote = { exact: 'old.', prefix: '', suffix: '' }
    const end = abstract.length
    expect(anchorQuote(abstract, quote, { start: -4, end: 0 })).toEqual({ start: end - 4, end })
  })
})

describe('placeAnnotations', () => {
  const abstract = 'Deep networks forget. Replay helps them remember.'
  const target = (exact: string, start: number, page?: number) => ({
    source: 'p',
    ...(page === undefined ? {} : { page }),
    quote: { exact, prefix: '', suffix: '' },
    position: { start, end: start + exact.length },
  })

  it('places each annotation in the text, on a PDF page, or as orphaned, keeping them all', () => {
    const annotations = [
      { id: 'moved', target: target('Replay', 0) },
      { id: 'page', target: target('Figure 2', 10, 3) },
      { id: 'gone', target: target('Dropout', 5) },
    ]
    expect(placeAnnotations(abstract, annotations).map((a) => a.placement)).toEqual([
      { place: 'text', range: { start: 22, end: 28 } },
      { place: 'page', page: 3 },
      { place: 'orphaned' },
    ])
  })
})
