import { describe, expect, it } from 'vitest'
import { HOT_HALF_LIFE_MS, HOT_WEIGHTS, hotScore } from '../../shared/ranking/hot'

const NOW = Date.UTC(2026, 10, 27)
const quiet = { added: NOW, votes: [], comments: [], annotations: [] }

describe('hotScore', () => {
  it('weighs a fresh vote, comment and annotation on top of the paper’s arrival', () => {
    expect(hotScore(quiet, NOW)).toBe(HOT_WEIGHTS.added)
    const busy = { ...quiet, votes: [NOW], comments: [NOW], annotations: [NOW] }
    expect(hotScore(busy, NOW)).toBe(
      HOT_WEIGHTS.added + HOT_WEIGHTS.vote + HOT_WEIGHTS.comment + HOT_WEIGHTS.annotation,
    )
  })

  it('halves each event’s weight per half-life of its own age', () => {
    const aged = { ...quiet, added: NOW - 2 * HOT_HALF_LIFE_MS, votes: [NOW - HOT_HALF_LIFE_MS] }
    expect(hotScore(aged, NOW)).toBeCloseTo(HOT_WEIGHTS.added / 4 + HOT_WEIGHTS.vote / 2, 10)
  })

  it('counts an event stamped in the future as happening now', () => {
    const future = { ...quiet, votes: [NOW + 365 * 24 * 3600_000] }
    expect(hotScore(future, NOW)).toBe(HOT_WEIGHTS.added + HOT_WEIGHTS.vote)
  })
})
