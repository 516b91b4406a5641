import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { highlightSegments, type HighlightRange } from '../../shared/anchoring/highlight-segments'

const text = 'abcdefghijklmnopqrst'

/** Each segment as "text:keys" for compact expectations. */
function runs(ranges: HighlightRange<string>[], of = text): string[] {
  return highlightSegments(of, ranges).map((s) => `${s.text}:${s.keys.join('+')}`)
}

describe('highlightSegments', () => {
  it('is the whole text, unmarked, without ranges; nothing for an empty text', () => {
    expect(runs([])).toEqual([`${text}:`])
    expect(highlightSegments('', [{ key: 'a', start: 0, end: 3 }])).toEqual([])
  })

  it('splits nested ranges into outer, both, outer', () => {
    expect(
      runs([
        { key: 'outer', start: 2, end: 12 },
        { key: 'inner', start: 5, end: 8 },
      ]),
    ).toEqual(['ab:', 'cde:outer', 'fgh:outer+inner', 'ijkl:outer', 'mnopqrst:'])
  })

  it('splits overlapping ranges where each begins and ends', () => {
    expect(
      runs([
        { key: 'a', start: 0, end: 6 },
        { key: 'b', start: 4, end: 10 },
      ]),
    ).toEqual(['abcd:a', 'ef:a+b', 'ghij:b', 'klmnopqrst:'])
  })

  it('keeps touching ranges apart, with no gap and no overlap', () => {
    expect(
      runs([
        { key: 'a', start: 0, end: 3 },
        { key: 'b', start: 3, end: 6 },
      ]),
    ).toEqual(['abc:a', 'def:b', 'ghijklmnopqrst:'])
  })

  it('lists both keys of identical ranges, in the order given', () => {
    expect(
      runs([
        { key: 'second', start: 1, end: 4 },
        { key: 'first', start: 1, end: 4 },
      ]),
    ).toEqual(['a:', 'bcd:second+first', 'efghijklmnopqrst:'])
  })

  it('clamps ranges that run past the text and drops stale ones wholly outside it', () => {
    expect(
      runs([
        { key: 'tail', start: 17, end: 400 },
        { key: 'head', start: -5, end: 2 },
        { key: 'gone', start: 50, end: 60 },
        { key: 'nan', start: Number.NaN, end: 4 },
      ]),
    ).toEqual(['ab:head', 'cdefghijklmnopq:', 'rst:tail'])
  })

  it('drops zero-length and reversed ranges', () => {
    expect(
      runs([
        { key: 'empty', start: 5, end: 5 },
        { key: 'reversed', start: 8, end: 3 },
      ]),
    ).toEqual([`${text}:`])
  })

  it('merges touching ranges of the same key into one run', () => {
    expect(
      runs([
        { key: 'a', start: 0, end: 3 },
        { key: 'a', start: 3, end: 6 },
      ]),
    ).toEqual(['abcdef:a', 'ghijklmnopqrst:'])
  })

  it('never cuts a surrogate pair in half, and keeps an empty range inside one empty', () => {
    const math = 'x 𝑥 y 😀 z'
    const inside = math.indexOf('𝑥') + 1
    const segments = highlightSegments(math, [
      { key: 'a', start: inside, end: inside + 2 },
      { key: 'b', start: math.indexOf('😀') + 1, end: math.indexOf('😀') + 1 },
    ])
    expect(segments.map((s) => `${s.text}:${s.keys.join('+')}`)).toEqual(['x :', '𝑥 :a', 'y 😀 z:'])
    for (const segment of segments) expect(segment.text).not.toMatch(/^[\udc00-\udfff]/)
  })

  it('covers the text exactly, each segment listing exactly the ranges over it', () => {
    const range = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd'),
      start: fc.integer({ min: -3, max: 23 }),
      end: fc.integer({ min: -3, max: 23 }),
    })
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), (ranges) => {
        const segments = highlightSegments(text, ranges)
        expect(segments.map((s) => s.text).join('')).toBe(text)
        for (const segment of segments) {
          expect(segment.end).toBeGreaterThan(segment.start)
          for (let unit = segment.start; unit < segment.end; unit++) {
            const over = ranges.filter((r) => r.start <= unit && r.end > unit)
            expect(new Set(segment.keys)).toEqual(new Set(over.map((r) => r.key)))
          }
        }
      }),
    )
  })
})
