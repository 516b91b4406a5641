import { describe, expect, it } from 'vitest'
import { formatDate, isoDate } from '../../client/format/date'
import { commentDateTime, formatCommentDate } from '../../client/components/thread/comment-date'

// Numbers another replica could store that no Date can hold (or that are not numbers at all).
const BAD: unknown[] = [1e16, -1e16, 8.64e15 + 1, Infinity, -Infinity, NaN, undefined, null, {}]

describe('dates shown to the reader', () => {
  it('never throw, and show nothing for a time no Date can hold', () => {
    for (const value of BAD) {
      const at = value as number
      expect(formatDate(at)).toBe('')
      expect(isoDate(at)).toBeUndefined()
      expect(formatCommentDate(at)).toBe('')
    }
  })

  it('keep a date string they cannot read as it was written', () => {
    for (const value of ['+275760-09-14', 'soon', '2024-13-45', '9999999-01-01']) {
      expect(() => formatDate(value)).not.toThrow()
      expect(() => isoDate(value)).not.toThrow()
    }
    expect(formatDate('soon')).toBe('soon')
  })

  it('show real times', () => {
    const at = Date.UTC(2026, 2, 13, 9)
    expect(isoDate(at)).toBe('2026-03-13T09:00:00.000Z')
    expect(isoDate('2024-03-13')).toBe('2024-03-13')
    expect(formatDate('2024-03-13')).toMatch(/2024/)
    expect(formatCommentDate(at)).toMatch(/2026/)
    expect(formatDate(8.64e15)).toMatch(/275760/)
  })
})

describe('comment times', () => {
  it('leave out an unknown time rather than show 1970', () => {
    expect(formatCommentDate(0)).toBe('')
    expect(commentDateTime(0)).toBeUndefined()
    expect(commentDateTime(1e16)).toBeUndefined()
    expect(commentDateTime(Date.UTC(2026, 2, 13, 9))).toBe('2026-03-13T09:00:00.000Z')
  })
})
