/**
 * The sortable id of the "Not ranked" heading between my ranking and the other candidates: what
 * is dragged above it is ranked. Paper ids are arXiv ids or `h:` hashes, never this.
 */
export const NOT_RANKED = '--not-ranked--'

/** `list` with the item at `from` moved to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = list.slice()
  const [item] = next.splice(from, 1)
  if (item !== undefined) next.splice(to, 0, item)
  return next
}

/**
 * The ranking after a drag in the list `[...ranked, NOT_RANKED, ...unranked]`: `active` dropped
 * where `over` was. Undefined when nothing changes.
 */
export function rankingAfterDrop(
  ranked: readonly string[],
  unranked: readonly string[],
  active: string,
  over: string,
): string[] | undefined {
  const order = [...ranked, NOT_RANKED, ...unranked]
  const from = order.indexOf(active)
  const to = order.indexOf(over)
  if (from < 0 || to < 0 || from === to || active === NOT_RANKED) return undefined
  const next = moveItem(order, from, to)
  const ranking = next.slice(0, next.indexOf(NOT_RANKED))
  const same = ranking.length === ranked.length && ranking.every((id, i) => id === ranked[i])
  return same ? undefined : ranking
}

/** What a screen reader hears after my ranking changed by moving `id`. */
export function describeMove(
  before: readonly string[],
  after: readonly string[],
  id: string,
  title: string,
): string {
  const place = after.indexOf(id) + 1
  if (place === 0) return `Removed “${title}” from your ranking.`
  if (!before.includes(id)) return `Ranked “${title}” at place ${place} of ${after.length}.`
  return `Moved “${title}” to place ${place} of ${after.length}.`
}
