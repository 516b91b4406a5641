import { describe, expect, it } from 'vitest'
import {
  addComment,
  addPaper,
  completePaper,
  readLibrary,
  type LibraryEntry,
  type PaperInput,
} from '../../shared/model'
import { isUnread, unreadReason } from '../../client/data/unread'
import { asReadMark, newestMark, type ReadMark } from '../../client/data/read-mark'
import { ADA, CAY, groupDoc, paperInput } from '../fixtures/group'
import { libraryEntry, storedPaper } from '../fixtures/library'

function entry(
  addedBy: string,
  addedAt: number,
  lastActivity: Record<string, number> = {},
): LibraryEntry {
  return libraryEntry(storedPaper({ addedBy, addedAt }), { lastActivity })
}

/** A visit at `at` (this device's clock) that saw `activity` (each author's clock). */
const visit = (at: number, activity: Record<string, number> = {}): ReadMark => ({ at, activity })
const hour = (h: number) => Date.UTC(2026, 2, 13, h)

describe('unreadReason', () => {
  it('marks a paper never opened as new, unless the reader added it', () => {
    expect(unreadReason(entry('ben', 100), undefined, 'ada')).toBe('new-paper')
    expect(unreadReason(entry('ada', 100), undefined, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ada', 100), undefined, undefined)).toBe('new-paper')
  })

  it('clears once opened, and comes back when another member writes on it', () => {
    expect(unreadReason(entry('ben', 100), visit(150), 'ada')).toBeUndefined()
    expect(unreadReason(entry('ben', 100, { ben: 140 }), visit(150, { ben: 140 }), 'ada')).toBe(
      undefined,
    )
    expect(unreadReason(entry('ben', 100, { ben: 160 }), visit(170, { ben: 140 }), 'ada')).toBe(
      'new-discussion',
    )
    expect(unreadReason(entry('ben', 100, { cay: 120 }), visit(170, { ben: 140 }), 'ada')).toBe(
      'new-discussion',
    )
  })

  it('shows a comment written offline before the visit and synced after it', () => {
    // Ben comments offline at 9:00; Ada opens the paper at 10:00; Ben syncs at 11:00.
    const opened = visit(hour(10), {})
    const synced = entry('ben', hour(8), { ben: hour(9) })
    expect(unreadReason(synced, opened, 'ada')).toBe('new-discussion')
    expect(unreadReason(synced, visit(hour(12), { ben: hour(9) }), 'ada')).toBeUndefined()
  })

  it('compares each member’s clock only with itself', () => {
    // Ben's clock is two hours behind: Ada saw his 7:00 comment at 9:00, he wrote again at 9:30.
    const behind = entry('ben', hour(6), { ben: hour(7) + 30 * 60_000 })
    expect(unreadReason(behind, visit(hour(9), { ben: hour(7) }), 'ada')).toBe('new-discussion')
    // Cay's clock is ahead: her paper and comment, dated after the visit, were seen in it.
    const ahead = entry('cay', hour(12), { cay: hour(12) })
    expect(unreadReason(ahead, visit(hour(10), { cay: hour(12) }), 'ada')).toBeUndefined()
  })

  it('never counts the reader’s own writing', () => {
    expect(unreadReason(entry('ben', 100, { ada: 160 }), visit(150), 'ada')).toBeUndefined()
    expect(unreadReason(entry('ada', 100, { ada: 160 }), undefined, 'ada')).toBeUndefined()
    // On their own paper never opened, everything another member wrote is new.
    expect(unreadReason(entry('ada', 100, { ben: 60 }), undefined, 'ada')).toBe('new-discussion')
  })

  it('compares marks stored before visits kept their activity by time', () => {
    const old = asReadMark(150)
    expect(old).toEqual({ at: 150 })
    expect(unreadReason(entry('ben', 100), old, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ben', 100, { ben: 140 }), old, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ben', 100, { ben: 160 }), old, 'ada')).toBe('new-discussion')
    expect(unreadReason(entry('ben', 100, { ada: 160 }), old, 'ada')).toBeUndefined()
    expect(unreadReason(entry('ben', 200), old, 'ada')).toBe('new-paper')
  })

  it('agrees with isUnread', () => {
    expect(isUnread(entry('ben', 100, { ben: 160 }), visit(150), 'ada')).toBe(true)
    expect(isUnread(entry('ben', 100), visit(150), 'ada')).toBe(false)
  })
})

describe('read marks of a paper', () => {
  it('reads stored marks, old and new, and nothing else', () => {
    expect(asReadMark({ at: 5, activity: { ben: 4, cay: 'x' } })).toEqual({
      at: 5,
      activity: { ben: 4 },
    })
    expect(asReadMark({ at: 5 })).toEqual({ at: 5 })
    for (const junk of [undefined, null, 'x', Number.NaN, {}, { at: '5' }]) {
      expect(asReadMark(junk)).toBeUndefined()
    }
  })

  it('takes the newest visit over the paper’s ids, with all that the visits saw', () => {
    expect(newestMark([undefined, undefined])).toBeUndefined()
    expect(newestMark([visit(10, { ben: 3 }), undefined, visit(20, { cay: 5, ben: 1 })])).toEqual(
      visit(20, { ben: 3, cay: 5 }),
    )
    expect(newestMark([visit(10, { ben: 3 }), { at: 20 }])).toEqual({ at: 20 })
    expect(newestMark([{ at: 20 }, visit(20, { ben: 3 })])).toEqual(visit(20, { ben: 3 }))
  })

  it('finds a visit made before the paper’s records folded under another id', () => {
    const doc = groupDoc({ withCay: true })
    const title = 'Replay in deep reinforcement learning'
    const byTitle = addPaper(doc, CAY, paperInput({ title })).paper
    addComment(doc, CAY, { paperId: byTitle.id, body: 'Read section 2' })
    const marks = new Map<string, ReadMark>()
    const opened = readLibrary(doc)[0]!
    marks.set(opened.paper.id, visit(hour(12), opened.lastActivity))

    // A bare arXiv id of the same paper, later completed: it folds, under the arXiv id.
    const bare: PaperInput = { arxivId: '2401.00001', source: 'arxiv' }
    addPaper(doc, ADA, bare)
    completePaper(doc, ADA, '2401.00001', paperInput({ title, arxivId: '2401.00001' }))
    const [folded, ...others] = readLibrary(doc)
    expect(others).toEqual([])
    expect(folded!.paper.id).toBe('2401.00001')
    expect(folded!.aliases).toEqual(['2401.00001', byTitle.id])

    const seen = (e: LibraryEntry) => newestMark(e.aliases.map((id) => marks.get(id)))
    expect(unreadReason(folded!, seen(folded!), 'ben')).toBeUndefined()
    expect(unreadReason(folded!, marks.get(folded!.paper.id), 'ben')).toBe('new-paper')
    // What others write on either record still shows.
    addComment(doc, { ...CAY, now: hour(13) }, { paperId: byTitle.id, body: 'And section 3' })
    const discussed = readLibrary(doc)[0]!
    expect(unreadReason(discussed, seen(discussed), 'ben')).toBe('new-discussion')
  })
})
