/**
 * The Schulze method, for the group's ranked-choice rounds: each member's ballot ranks some or
 * all of a round's candidates, and the group ranking follows the strongest paths in the graph of
 * pairwise preferences. Pure functions, no Yjs: the round's readers feed them plain ballots.
 *
 * Written here rather than taken from a library: the few published packages are unmaintained
 * and none exposes the pairwise and strongest-path tables that the round page shows to explain
 * the result, nor lets us fix the tie-breaking rule.
 */

/** The group ranking of a round, with the tables that explain it. */
export interface SchulzeResult {
  /** The candidates, in the round's order, indexing both tables. */
  candidates: string[]
  /** `pairwise[i][j]`: how many ballots rank candidate i above candidate j. */
  pairwise: number[][]
  /** `strongest[i][j]`: the width of the strongest path from i to j (0 when there is none). */
  strongest: number[][]
  /**
   * Every candidate, best first. `place` is 1-based and shared by candidates that the method
   * cannot separate (`tied`); within a tie the order is the round's candidate order.
   */
  ranking: Array<{ candidate: string; place: number; tied: boolean }>
}

/**
 * A ballot as ranks: lower is better; candidates the ballot leaves out share the rank after
 * every ranked one. Unknown candidates and repeats (after the first) are ignored.
 */
function ranksOf(ballot: readonly string[], index: ReadonlyMap<string, number>): number[] {
  const ranks = new Array<number>(index.size).fill(Number.POSITIVE_INFINITY)
  let next = 0
  for (const candidate of ballot) {
    const at = index.get(candidate)
    if (at !== undefined && ranks[at] === Number.POSITIVE_INFINITY) ranks[at] = next++
  }
  return ranks
}

function square(size: number): number[][] {
  return Array.from({ length: size }, () => new Array<number>(size).fill(0))
}

/**
 * Ranks `candidates` by the Schulze method over `ballots` (each a list of candidates, best
 * first, possibly partial). Ties are kept as ties, ordered by the candidates' order in
 * `candidates`, so the same ballots always give the same result on every device.
 */
export function schulze(
  candidates: readonly string[],
  ballots: ReadonlyArray<readonly string[]>,
): SchulzeResult {
  const unique = [...new Set(candidates)]
  const size = unique.length
  const index = new Map(unique.map((candidate, i) => [candidate, i]))

  const pairwise = square(size)
  for (const ballot of ballots) {
    const ranks = ranksOf(ballot, index)
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        if (i !== j && (ranks[i] as number) < (ranks[j] as number)) {
          ;(pairwise[i] as number[])[j] = (pairwise[i]?.[j] ?? 0) + 1
        }
      }
    }
  }

  const d = (i: number, j: number) => pairwise[i]?.[j] ?? 0
  const strongest = square(size)
  const p = (i: number, j: number) => strongest[i]?.[j] ?? 0
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i !== j && d(i, j) > d(j, i)) (strongest[i] as number[])[j] = d(i, j)
    }
  }
  // Widest paths (Floyd–Warshall with min along a path, max over paths).
  for (let k = 0; k < size; k++) {
    for (let i = 0; i < size; i++) {
      if (i === k) continue
      for (let j = 0; j < size; j++) {
        if (j === i || j === k) continue
        const through = Math.min(p(i, k), p(k, j))
        if (through > p(i, j)) (strongest[i] as number[])[j] = through
      }
    }
  }

  // Peel off, place by place, the candidates that no remaining candidate beats.
  const ranking: SchulzeResult['ranking'] = []
  let remaining = unique.map((_, i) => i)
  while (remaining.length > 0) {
    const found = remaining.filter((i) => remaining.every((j) => j === i || p(j, i) <= p(i, j)))
    // Schulze's "beats" is transitive, so some candidate is always unbeaten; the fallback only
    // guards the loop.
    const unbeaten = found.length > 0 ? found : remaining
    const place = ranking.length + 1
    for (const i of unbeaten) {
      ranking.push({ candidate: unique[i] as string, place, tied: unbeaten.length > 1 })
    }
    remaining = remaining.filter((i) => !unbeaten.includes(i))
  }
  return { candidates: unique, pairwise, strongest, ranking }
}
