import type { SchulzeResult } from '../../../shared/ranking/schulze'

/** At most this many rivals of a winner without a head-to-head win over them are spelled out. */
const MAX_DETAILS = 3

/**
 * The chain of head-to-head wins from `from` to `to` that the strongest-path table measured:
 * every link at least as wide as the path's strength. Indices into the result's candidates.
 */
export function strongestChain(result: SchulzeResult, from: number, to: number): number[] {
  const d = (i: number, j: number) => result.pairwise[i]?.[j] ?? 0
  const width = result.strongest[from]?.[to] ?? 0
  if (width === 0) return []
  const size = result.candidates.length
  const previous = new Map<number, number>([[from, from]])
  const queue = [from]
  while (queue.length > 0) {
    const at = queue.shift() as number
    if (at === to) break
    for (let next = 0; next < size; next++) {
      if (previous.has(next) || d(at, next) <= d(next, at) || d(at, next) < width) continue
      previous.set(next, at)
      queue.push(next)
    }
  }
  if (!previous.has(to)) return []
  const chain = [to]
  while (chain[0] !== from) chain.unshift(previous.get(chain[0] as number) as number)
  return chain
}

/**
 * Why the result is what it is, in a few plain sentences. `name(id)` gives a candidate as the
 * sentence should show it (a quoted title).
 */
export function explainResult(
  result: SchulzeResult,
  ballotCount: number,
  name: (id: string) => string,
): string[] {
  const { candidates, ranking } = result
  if (candidates.length === 0) return ['This round has no candidates yet.']
  if (ballotCount === 0) {
    return [
      'No ballots yet, so every paper is tied. The ranking appears as members rank the papers.',
    ]
  }
  const index = new Map(candidates.map((id, i) => [id, i]))
  const d = (i: number, j: number) => result.pairwise[i]?.[j] ?? 0
  const at = (id: string) => index.get(id) as number
  const label = (i: number) => name(candidates[i] as string)
  const first = ranking.filter((entry) => entry.place === 1).map((entry) => at(entry.candidate))

  if (first.length > 1) {
    if (first.length === candidates.length && candidates.length > 1) {
      return ['The ballots do not separate the papers: they are all tied.']
    }
    const level = first.every((i) => first.every((j) => i === j || d(i, j) === d(j, i)))
    const names = new Intl.ListFormat('en', { type: 'conjunction' }).format(first.map(label))
    return [
      level
        ? `${names} share first place: as many ballots rank each of them above the other as the other way round.`
        : `${names} share first place: they beat one another in a circle, and the method finds the chains of wins between them equally strong.`,
    ]
  }

  const winner = first[0] as number
  const others = candidates.map((_, i) => i).filter((i) => i !== winner)
  if (others.length === 0) return [`${label(winner)} is the only candidate.`]
  const notBeaten = others.filter((i) => d(winner, i) <= d(i, winner))
  if (notBeaten.length === 0) {
    return [
      others.length === 1
        ? `${label(winner)} wins: more ballots rank it above ${label(others[0] as number)} than the other way round.`
        : `${label(winner)} beats every other paper head to head: against each of them, more ballots prefer it than the other way round.`,
    ]
  }
  const sentences = [
    'No paper beats every other head to head, so the Schulze method compares chains of head-to-head wins: a chain is as strong as its weakest win.',
  ]
  for (const rival of notBeaten.slice(0, MAX_DETAILS)) {
    const chain = strongestChain(result, winner, rival)
    const steps = chain
      .slice(1)
      .map((to, k) => {
        const from = chain[k] as number
        return `${label(from)} beats ${label(to)} ${d(from, to)} to ${d(to, from)}`
      })
      .join(', ')
    const head =
      d(winner, rival) === d(rival, winner)
        ? `${label(winner)} and ${label(rival)} are level head to head (${d(winner, rival)} to ${d(rival, winner)})`
        : `${label(rival)} beats ${label(winner)} head to head (${d(rival, winner)} to ${d(winner, rival)})`
    const back = result.strongest[rival]?.[winner] ?? 0
    sentences.push(
      `${head}, but ${label(winner)} wins through the chain ${steps}: its strength, ${result.strongest[winner]?.[rival] ?? 0}, beats ${back === 0 ? 'no chain back' : `the strongest chain back, ${back}`}.`,
    )
  }
  if (notBeaten.length > MAX_DETAILS) {
    sentences.push(`The same holds against ${notBeaten.length - MAX_DETAILS} more papers.`)
  }
  return sentences
}
