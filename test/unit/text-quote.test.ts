import { describe, expect, it } from 'vitest'
import { selectorMismatch, selectorsFor } from '../../shared/anchoring/text-quote'

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
