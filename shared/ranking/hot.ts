/**
 * The library's "hot" order: what the group is busy with now. Every vote, comment and annotation
 * adds its weight, halved for each `HOT_HALF_LIFE_MS` of its age, and the paper's arrival counts
 * as one more event, so a new paper starts warm and an old one heats up again when it is
 * discussed. See docs/ranking.md.
 */

/** How much each kind of event weighs when it is new. */
export const HOT_WEIGHTS = { vote: 3, comment: 2, annotation: 2, added: 1 } as const

/** After this long an event counts half as much: three days, a reading group's rhythm. */
export const HOT_HALF_LIFE_MS = 3 * 24 * 3600_000

/** When things happened to one paper, in epoch milliseconds. */
export interface HotEvents {
  added: number
  votes: readonly number[]
  comments: readonly number[]
  annotations: readonly number[]
}

/**
 * The paper's hot score at `now`. An event stamped in the future (a fast clock on another
 * device) counts as happening now, so no member can pin a paper to the top.
 */
export function hotScore(events: HotEvents, now: number): number {
  const decayed = (weight: number, at: number) =>
    weight * 2 ** (-Math.max(0, now - at) / HOT_HALF_LIFE_MS)
  let score = decayed(HOT_WEIGHTS.added, events.added)
  for (const at of events.votes) score += decayed(HOT_WEIGHTS.vote, at)
  for (const at of events.comments) score += decayed(HOT_WEIGHTS.comment, at)
  for (const at of events.annotations) score += decayed(HOT_WEIGHTS.annotation, at)
  return score
}
