import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { schulze } from '../../shared/ranking/schulze'
import { SCHULZE_EXAMPLE, ballots } from '../fixtures/ballots'

const places = (result: ReturnType<typeof schulze>) =>
  result.ranking.map((entry) => `${entry.place}${entry.candidate}${entry.tied ? '=' : ''}`)

describe('schulze', () => {
  it('finds the known result of the standard 45-voter example', () => {
    // The example of Schulze's own papers (also Wikipedia's): winner E, then A, C, B, D.
    const result = schulze(SCHULZE_EXAMPLE.candidates, SCHULZE_EXAMPLE.ballots)
    expect(result.ranking.map((entry) => entry.candidate)).toEqual([...'EACBD'])
    expect(result.ranking.every((entry) => !entry.tied)).toBe(true)
    // Its published tables: d[A][B] = 20, d[B][A] = 25; strongest path A→B is 28.
    expect(result.pairwise[0]![1]).toBe(20)
    expect(result.pairwise[1]![0]).toBe(25)
    expect(result.strongest).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ])
  })

  it('ties every candidate of a Condorcet cycle, in the round order', () => {
    const result = schulze([...'ABC'], ballots([1, 'ABC'], [1, 'BCA'], [1, 'CAB']))
    expect(places(result)).toEqual(['1A=', '1B=', '1C='])
    expect(places(schulze([...'CAB'], ballots([1, 'ABC'], [1, 'BCA'], [1, 'CAB'])))).toEqual([
      '1C=',
      '1A=',
      '1B=',
    ])
  })

  it('keeps an exact tie as a tie and ranks what it can', () => {
    const result = schulze([...'ABC'], ballots([1, 'ABC'], [1, 'BAC']))
    expect(places(result)).toEqual(['1A=', '1B=', '3C'])
  })

  it('ranks left-out candidates below every ranked one, and ignores unknown or repeated entries', () => {
    const result = schulze([...'ABC'], [['C'], ['C', 'C', 'X', 'B'], ['B', 'A']])
    // C over A and B on the first two ballots; B over A on the last two; only the last ranks A
    // (over C, which it leaves out).
    expect(result.pairwise).toEqual([
      [0, 0, 1],
      [2, 0, 1],
      [2, 2, 0],
    ])
    expect(places(result)).toEqual(['1C', '2B', '3A'])
  })

  it('gives an empty round an empty ranking and no ballots a full tie', () => {
    expect(schulze([], [['A']]).ranking).toEqual([])
    expect(places(schulze([...'AB'], []))).toEqual(['1A=', '1B='])
  })

  it('elects a Condorcet winner whenever there is one, and never depends on ballot order', () => {
    const candidate = fc.constantFrom(...'ABCDE')
    const ballot = fc.uniqueArray(candidate, { maxLength: 5 })
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 30 }), (cast) => {
        const result = schulze([...'ABCDE'], cast)
        const reversed = schulze([...'ABCDE'], [...cast].reverse())
        expect(reversed.ranking).toEqual(result.ranking)
        const d = result.pairwise
        const winner = [0, 1, 2, 3, 4].find((i) =>
          [0, 1, 2, 3, 4].every((j) => i === j || d[i]![j]! > d[j]![i]!),
        )
        if (winner !== undefined) {
          expect(result.ranking[0]).toEqual({ candidate: 'ABCDE'[winner], place: 1, tied: false })
        }
      }),
      { seed: 7, numRuns: 300 },
    )
  })
})
