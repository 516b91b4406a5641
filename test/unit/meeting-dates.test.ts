import { describe, expect, it } from 'vitest'
import {
  addDays,
  parseDay,
  relativeDay,
  splitByDay,
} from '../../client/components/meetings/meeting-dates'
import { localDay } from '../../client/format/date'
import {
  columnOrder,
  memberSummary,
  paperSummary,
  progressOf,
  readersOf,
  type ReadyPaper,
} from '../../client/components/meetings/readiness'

const member = (id: string, name: string) => ({ id, name, colour: '#000000', joined: 0 })

describe('meeting days', () => {
  it("takes today from the reader's local clock, not UTC", () => {
    expect(localDay(new Date(2026, 2, 13, 23, 59))).toBe('2026-03-13')
    expect(localDay(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01')
  })

  it('accepts only days a calendar has', () => {
    expect(parseDay(' 2026-03-20 ')).toBe('2026-03-20')
    expect(parseDay('2024-02-29')).toBe('2024-02-29')
    for (const bad of ['', '2026-02-30', '2026-13-01', '2026-3-1', '20/03/2026', '2026-03']) {
      expect(parseDay(bad)).toBeUndefined()
    }
  })

  it('counts days across months and years', () => {
    expect(addDays('2026-03-13', 7)).toBe('2026-03-20')
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it("says how far off a day is, in the reader's language", () => {
    const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
    expect(relativeDay('2026-03-13', '2026-03-13')).toBe(words.format(0, 'day'))
    expect(relativeDay('2026-03-14', '2026-03-13')).toBe(words.format(1, 'day'))
    expect(relativeDay('2026-03-20', '2026-03-13')).toBe(words.format(7, 'day'))
    expect(relativeDay('2026-02-27', '2026-03-13')).toBe(words.format(-2, 'week'))
    expect(relativeDay('not a day', '2026-03-13')).toBe('')
  })

  it('splits meetings into the next one, later ones and past ones, newest past first', () => {
    const at = (date: string) => ({ meeting: { date } })
    const all = ['2026-03-01', '2026-03-12', '2026-03-13', '2026-03-27', '2026-04-03'].map(at)
    const { next, later, past } = splitByDay(all, '2026-03-13')
    expect(next?.meeting.date).toBe('2026-03-13')
    expect(later.map((item) => item.meeting.date)).toEqual(['2026-03-27', '2026-04-03'])
    expect(past.map((item) => item.meeting.date)).toEqual(['2026-03-12', '2026-03-01'])
    expect(splitByDay(all.slice(0, 2), '2026-03-13').next).toBeUndefined()
  })
})

describe('readiness', () => {
  const members = [member('cay', 'Cay'), member('ada', 'Ada'), member('ben', 'Ben')]
  const papers: ReadyPaper[] = [
    { id: 'p1', paper: { title: 'One' }, status: { ada: 'read', ben: 'read' } },
    { id: 'p2', paper: { title: 'Two' }, status: { ada: 'reading', gone: 'read' } },
  ]

  it('puts the reader first, then everyone by name', () => {
    expect(columnOrder(members, 'ben').map((m) => m.id)).toEqual(['ben', 'ada', 'cay'])
    expect(columnOrder(members, undefined).map((m) => m.id)).toEqual(['ada', 'ben', 'cay'])
  })

  it('counts readers among the members only', () => {
    expect(readersOf(papers[0]!, members)).toBe(2)
    expect(readersOf(papers[1]!, members)).toBe(0)
    expect(paperSummary(2, 3)).toBe('2 of 3 have read it')
    expect(paperSummary(1, 3)).toBe('1 of 3 has read it')
  })

  it("sums a member's progress over the agenda", () => {
    expect(progressOf(papers, 'ada')).toEqual({ read: 1, reading: 1 })
    expect(memberSummary('Ada', progressOf(papers, 'ada'), 2, false)).toBe(
      'Ada has read 1 of 2, reading 1',
    )
    expect(memberSummary('Cay', progressOf(papers, 'cay'), 2, true)).toBe('You have read 0 of 2')
  })
})
