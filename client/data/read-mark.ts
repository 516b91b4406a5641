/**
 * One visit to a paper on this device, as the private read marks keep it.
 *
 * Other members' activity times come from their own clocks, so comparing them with this
 * device's visit time would hide a comment written offline before the visit and synced after
 * it (or written on a clock that is behind). A visit therefore keeps what it saw: each member's
 * newest activity on the paper then, which is later compared with that member's own newest.
 */
export interface ReadMark {
  /** This device's time of the visit, epoch milliseconds. */
  readonly at: number
  /**
   * Each member's newest activity on the paper as the visit saw it (LibraryEntry.lastActivity).
   * Absent for marks stored before visits kept it, which are compared by time instead.
   */
  readonly activity?: Readonly<Record<string, number>>
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/**
 * A stored mark as a {@link ReadMark}, or undefined when it is not one. A bare number is a mark
 * from before visits kept their activity.
 */
export function asReadMark(value: unknown): ReadMark | undefined {
  if (isTime(value)) return { at: value }
  if (typeof value !== 'object' || value === null) return undefined
  const { at, activity } = value as Record<string, unknown>
  if (!isTime(at)) return undefined
  if (typeof activity !== 'object' || activity === null) return { at }
  const times = Object.entries(activity).filter((pair): pair is [string, number] => isTime(pair[1]))
  return { at, activity: Object.fromEntries(times) }
}

/**
 * The marks of one paper's records taken as one (after records fold into one paper, the visits
 * may be under several of its ids): the newest visit, having seen each member's activity up to
 * the newest any of the visits saw. Without a kept activity on the newest visit, the result is a
 * bare time too.
 */
export function newestMark(marks: Iterable<ReadMark | undefined>): ReadMark | undefined {
  let newest: ReadMark | undefined
  const seen: Record<string, number> = {}
  for (const mark of marks) {
    if (mark === undefined) continue
    // On a tie the mark that kept its activity wins: it says more.
    if (!newest || mark.at > newest.at || (mark.at === newest.at && !newest.activity)) {
      newest = mark
    }
    for (const [member, at] of Object.entries(mark.activity ?? {})) {
      seen[member] = Math.max(seen[member] ?? at, at)
    }
  }
  return newest?.activity ? { at: newest.at, activity: seen } : newest
}
