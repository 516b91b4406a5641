import type { Member, ReadingStatus } from '../../../shared/model'

/** What "Ready for the meeting" needs of an agenda paper (a library entry has it). */
export interface ReadyPaper {
  id: string
  paper: { title: string }
  /** Reading status by member id. */
  status: Readonly<Record<string, ReadingStatus>>
}

/** The members in column order: the reader first, then everyone else by name. */
export function columnOrder(members: readonly Member[], me: string | undefined): Member[] {
  return [...members].sort(
    (a, b) =>
      Number(b.id === me) - Number(a.id === me) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  )
}

/** How many of `members` have read `paper`. */
export function readersOf(paper: ReadyPaper, members: readonly Member[]): number {
  return members.filter((member) => paper.status[member.id] === 'read').length
}

/** How many of `papers` a member has read, and is reading. */
export function progressOf(
  papers: readonly ReadyPaper[],
  memberId: string,
): { read: number; reading: number } {
  const of = (status: ReadingStatus) =>
    papers.filter((paper) => paper.status[memberId] === status).length
  return { read: of('read'), reading: of('reading') }
}

const LABELS: Record<ReadingStatus, string> = {
  'to-read': 'To read',
  reading: 'Reading',
  read: 'Read',
}

/** A status as the table's cell says it; "—" when not set. */
export function statusLabel(status: ReadingStatus | undefined): string {
  return status === undefined ? '—' : LABELS[status]
}

/** "2 of 4 have read it". */
export function paperSummary(read: number, of: number): string {
  return `${read} of ${of} ${read === 1 ? 'has' : 'have'} read it`
}

/** "Ada has read 2 of 3, reading 1"; the reader's own line in the second person. */
export function memberSummary(
  name: string,
  progress: { read: number; reading: number },
  of: number,
  isMe: boolean,
): string {
  const who = isMe ? 'You have' : `${name} has`
  const reading = progress.reading > 0 ? `, reading ${progress.reading}` : ''
  return `${who} read ${progress.read} of ${of}${reading}`
}
