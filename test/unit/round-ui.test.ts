import { describe, expect, it } from 'vitest'
import { schulze } from '../../shared/ranking/schulze'
import { SCHULZE_EXAMPLE, ballots } from '../fixtures/ballots'
import { explainResult, strongestChain } from '../../client/components/rounds/explain-result'
import {
  NOT_RANKED,
  describeMove,
  rankingAfterDrop,
} from '../../client/components/rounds/ballot-order'
import { candidateLabel, placeText } from '../../client/components/rounds/round-labels'

const name = (id: string) => `“${id}”`

describe('explaining a round’s result', () => {
  it('names a winner that beats every other paper head to head', () => {
    const result = schulze([...'ABC'], ballots([2, 'BAC'], [1, 'CBA']))
    expect(explainResult(result, 3, name)).toEqual([
      '“B” beats every other paper head to head: against each of them, more ballots prefer it than the other way round.',
    ])
  })

  it('explains a winner without a head-to-head win over everyone by its chain of wins', () => {
    // Schulze's 45-voter example: E wins, though A beats E head to head (25 to 20).
    const result = schulze(SCHULZE_EXAMPLE.candidates, SCHULZE_EXAMPLE.ballots)
    const [cycle, ...why] = explainResult(result, 45, name)
    expect(cycle).toMatch(/^No paper beats every other head to head/)
    // C beats E head to head, but E reaches C through D more strongly than C reaches E.
    expect(why).toEqual([
      '“C” beats “E” head to head (24 to 21), but “E” wins through the chain “E” beats “D” 31 to 14, “D” beats “C” 28 to 17: its strength, 28, beats the strongest chain back, 24.',
    ])
  })

  it('finds a chain whose every win is at least the strongest path’s strength', () => {
    const result = schulze([...'ABCD'], ballots([4, 'ABCD'], [3, 'BCDA'], [2, 'CDAB'], [1, 'DABC']))
    for (let from = 0; from < 4; from++) {
      for (let to = 0; to < 4; to++) {
        if (from === to) continue
        const strength = result.strongest[from]![to]!
        const chain = strongestChain(result, from, to)
        if (strength === 0) {
          expect(chain).toEqual([])
          continue
        }
        expect(chain[0]).toBe(from)
        expect(chain.at(-1)).toBe(to)
        const widths = chain.slice(1).map((j, k) => result.pairwise[chain[k]!]![j]!)
        expect(Math.min(...widths)).toBe(strength)
        chain.slice(1).forEach((j, k) => {
          expect(result.pairwise[chain[k]!]![j]!).toBeGreaterThan(result.pairwise[j]![chain[k]!]!)
        })
      }
    }
  })

  it('says when papers share first place, and when nothing is decided yet', () => {
    expect(explainResult(schulze([...'ABC'], ballots([1, 'ABC'], [1, 'BAC'])), 2, name)).toEqual([
      '“A” and “B” share first place: as many ballots rank each of them above the other as the other way round.',
    ])
    const cycle = schulze([...'ABCD'], ballots([1, 'ABCD'], [1, 'BCAD'], [1, 'CABD']))
    expect(explainResult(cycle, 3, name)[0]).toMatch(
      /^“A”, “B”, and “C” share first place: they beat one another in a circle/,
    )
    expect(explainResult(schulze([...'AB'], []), 0, name)[0]).toMatch(/every paper is tied/)
    expect(explainResult(schulze([], []), 0, name)).toEqual(['This round has no candidates yet.'])
  })
})

describe('my ballot after a drag', () => {
  it('ranks what is dropped above “Not ranked” and unranks what is dropped below it', () => {
    expect(rankingAfterDrop(['a', 'b'], ['c'], 'c', 'a')).toEqual(['c', 'a', 'b'])
    expect(rankingAfterDrop(['a', 'b'], ['c'], 'c', NOT_RANKED)).toEqual(['a', 'b', 'c'])
    expect(rankingAfterDrop([], ['c', 'd'], 'd', NOT_RANKED)).toEqual(['d'])
    expect(rankingAfterDrop(['a', 'b'], ['c'], 'a', NOT_RANKED)).toEqual(['b'])
    expect(rankingAfterDrop(['a', 'b'], ['c'], 'a', 'b')).toEqual(['b', 'a'])
  })

  it('changes nothing for a drop in place or among the papers not ranked', () => {
    expect(rankingAfterDrop(['a'], ['c', 'd'], 'a', 'a')).toBeUndefined()
    expect(rankingAfterDrop(['a'], ['c', 'd'], 'c', 'd')).toBeUndefined()
    expect(rankingAfterDrop(['a'], ['c'], 'x', 'a')).toBeUndefined()
  })

  it('says what moved where', () => {
    expect(describeMove(['a'], ['a', 'b'], 'b', 'B')).toBe('Ranked “B” at place 2 of 2.')
    expect(describeMove(['a', 'b'], ['b', 'a'], 'b', 'B')).toBe('Moved “B” to place 1 of 2.')
    expect(describeMove(['a', 'b'], ['a'], 'b', 'B')).toBe('Removed “B” from your ranking.')
  })
})

describe('round labels', () => {
  it('letters candidates A to Z, then AA on', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(candidateLabel)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
    ])
  })

  it('writes places as English ordinals, ties as ties', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map((n) => placeText(n, false))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
    ])
    expect(placeText(2, true)).toBe('tied 2nd')
  })
})
