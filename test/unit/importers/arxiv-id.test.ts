import { describe, expect, it } from 'vitest'
import { arxivIdProblem, normalizeArxivId, parseArxivId } from '../../../shared/arxiv-id'

describe('parseArxivId', () => {
  it('accepts an arXiv: prefix with or without a space', () => {
    expect(parseArxivId('arXiv:2401.12345v2')).toEqual({ id: '2401.12345', version: 2 })
    expect(parseArxivId('arXiv: 2401.12345')).toEqual({ id: '2401.12345', version: undefined })
    expect(normalizeArxivId('math.GT/0309136v1')).toBe('math.GT/0309136')
  })

  it('rejects what is not shaped like an id', () => {
    expect(parseArxivId('1.2345')).toBeUndefined()
    expect(parseArxivId('2401.123')).toBeUndefined()
    expect(parseArxivId('https://arxiv.org/abs/2401.12345')).toBeUndefined()
  })
})

describe('arxivIdProblem', () => {
  it.each([
    '0704.0001',
    '1412.9999',
    '1501.00001',
    '2401.12345v2',
    'hep-th/9108001',
    'math.GT/0309136',
    'cs/0703999',
  ])('accepts %s', (id) => {
    expect(arxivIdProblem(id)).toBeUndefined()
  })

  it.each([
    ['1234.5678', 'month 34 does not exist'],
    ['2400.12345', 'month 00 does not exist'],
    ['0612.1234', 'new-style arXiv ids start in April 2007 (0704)'],
    ['1412.12345', 'ids before 2015 have 4 digits after the dot'],
    ['1501.1234', 'ids since 2015 have 5 digits after the dot'],
    ['hep-th/9013001', 'month 13 does not exist'],
    ['hep-th/9107001', 'old-style arXiv ids ran from 9108 to 0703'],
    ['cs/0704001', 'old-style arXiv ids ran from 9108 to 0703'],
    ['2401-12345', 'not an arXiv id'],
  ])('rejects %s: %s', (id, problem) => {
    expect(arxivIdProblem(id)).toBe(problem)
  })
})
