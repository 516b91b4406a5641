import { describe, expect, it } from 'vitest'
import type { LibraryEntry } from '../../shared/model'
import { isUnread, unreadReason } from '../../client/data/unread'
import { libraryEntry, storedPaper } from '../fixtures/library'

function entry(
  addedBy: string,
  addedAt: number,
  lastActivity: Record<string, number> = {},
): LibraryEntry {
  return libraryEntry(storedPaper({ addedBy, addedAt }), { lastActivity })
}

describe('unreadReason', () => {
  it('marks a paper never opened as new, unless the reader added it', () => {
    expect(unreadReason(entry('ben', 100), undefined, 'ada')).toBe('new-paper')
    expect(unreadReason(entry('ada', 100), undefined, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ada', 100), undefined, undefined)).toBe('new-paper')
  })

  it('clears once opened, and comes back when another member writes on it', () => {
    expect(unreadReason(entry('ben', 100), 150, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ben', 100, { ben: 140 }), 150, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ben', 100, { ben: 160 }), 150, 'ada')).toBe('new-discussion')
  })

  it('never counts the reader’s own writing', () => {
    expect(unreadReason(entry('ben', 100, { ada: 160 }), 150, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ada', 100, { ada: 160 }), undefined, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ada', 100, { ben: 160 }), undefined, 'ada')).toBe('new-discussion')
  })

  it('agrees with isUnread', () => {
    expect(isUnread(entry('ben', 100, { ben: 160 }), 150, 'ada')).toBe(true)
    expect(isUnread(entry('ben', 100), 150, 'ada')).toBe(false)
  })
})
