import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importTrending } from '../../../shared/importers/trending'

const PAGE = readFileSync(
  new URL('../../../server/demo/trending-papers.txt', import.meta.url),
  'utf8',
)

function abstractContaining(fragment: string): string {
  const found = importTrending(PAGE).papers.find((paper) => paper.abstract?.includes(fragment))
  if (!found?.abstract) throw new Error(`no abstract contains ${JSON.stringify(fragment)}`)
  return found.abstract
}

describe('importTrending on the real page copy', () => {
  it('gives exactly its 68 papers and skips nothing', () => {
    const result = importTrending(PAGE)
    expect(result.papers).toHaveLength(68)
    expect(result.skipped).toEqual([])
    expect(result.papers.every((paper) => paper.source === 'trending')).toBe(true)
  })

  it('keeps titles whole, from the first to the last', () => {
    const titles = importTrending(PAGE).papers.map((paper) => paper.title)
    expect(titles[0]).toBe('Discrete Key-Value Bottleneck')
    expect(titles[67]).toBe(
      'Pair Programming with Large Language Models for Sampling and Estimation of Copulas',
    )
    expect(titles).toContain('TÜLU 3: Pushing Frontiers in Open Language Model Post-Training')
  })

  it('pairs each title with its own abstract', () => {
    const first = importTrending(PAGE).papers[0]
    expect(first?.abstract).toMatch(/^Deep neural networks perform well on classification tasks/)
    expect(first?.abstract).not.toContain('Model-Based Image Signal Processors')
  })

  it('decodes the LaTeX escapes to Unicode', () => {
    expect(abstractContaining('approximately')).toContain(
      'achieving approximately ~42% time and ~30% memory savings',
    )
    expect(abstractContaining('a high proportion')).toContain('(e.g., 80%) of vision tokens')
    expect(abstractContaining('combining the generative')).toContain(
      'we show that naïvely combining the generative model',
    )
    expect(abstractContaining('Polyak')).toContain(
      'a generalization of the PL (Polyak-Łojasiewicz) condition',
    )
    expect(abstractContaining('post-training techniques')).toContain(
      'we introduce TÜLU 3, a family of fully-open state-of-the-art post-trained models',
    )
    // The author typed an acute accent (\'a); decoding is faithful to it.
    expect(abstractContaining('Math-Shepherd')).toContain('baseline á la Math-Shepherd')
  })

  it('keeps unknown macros verbatim and leaves no known escape behind', () => {
    expect(abstractContaining('a distributed architecture')).toContain(
      'We propose \\oni, a distributed architecture',
    )
    const leftovers = importTrending(PAGE).papers.flatMap(
      (paper) => paper.abstract?.match(/\\[a-zA-Z]+|\\./g) ?? [],
    )
    expect(leftovers).toEqual(['\\oni'])
  })

  it('leaves prose that only looks like LaTeX as written', () => {
    expect(abstractContaining('{varphi}')).toContain('a reward model ({varphi})')
    expect(abstractContaining('horizon-free')).toContain("``horizon-free''")
    expect(abstractContaining('91% of the time')).toContain('human annotators 91% of the time')
  })
})

describe('importTrending robustness', () => {
  it('reads CRLF and CR line endings the same as LF', () => {
    const lf = importTrending(PAGE)
    expect(importTrending(PAGE.replace(/\n/g, '\r\n'))).toEqual(lf)
    expect(importTrending(PAGE.replace(/\n/g, '\r'))).toEqual(lf)
  })

  it('ignores extra blank lines and whitespace-only lines', () => {
    const spaced = PAGE.replace(/\n\n/g, '\n\n  \n\t\n\n')
    expect(importTrending(spaced)).toEqual(importTrending(PAGE))
  })

  it('drops other header variants and reports unknown lines before the first paper', () => {
    const text = [
      'Trending Papers',
      'Get daily papers in your email inbox',
      'Dec 1, 2024',
      'Sign in to vote',
      'A Title',
      'An abstract that is long enough, and ends like a sentence.',
    ].join('\n\n')
    const result = importTrending(text)
    expect(result.papers).toEqual([
      {
        title: 'A Title',
        abstract: 'An abstract that is long enough, and ends like a sentence.',
        source: 'trending',
      },
    ])
    expect(result.skipped).toEqual([
      {
        at: 'line 7',
        excerpt: 'Sign in to vote',
        reason: 'a line before the first paper that is not page chrome',
      },
    ])
  })

  it('joins an abstract wrapped over several lines', () => {
    const result = importTrending('Wrapped Paper\n\nFirst line of the abstract\ncontinues here.\n')
    expect(result.papers[0]?.abstract).toBe('First line of the abstract continues here.')
  })

  it('imports a trailing title without abstract, with an empty abstract', () => {
    const result = importTrending(`${PAGE}\n\nScaling Laws for Reading Groups\n`)
    expect(result.papers).toHaveLength(69)
    expect(result.papers[68]).toEqual({
      title: 'Scaling Laws for Reading Groups',
      abstract: '',
      source: 'trending',
    })
  })

  it('skips a trailing line that is not clearly a title', () => {
    const result = importTrending(`${PAGE}\n\nthanks\n`)
    expect(result.papers).toHaveLength(68)
    expect(result.skipped).toEqual([
      {
        at: 'line 283',
        excerpt: 'thanks',
        reason: 'a title-like line without an abstract that does not look like a title',
      },
    ])
  })

  it('skips a paragraph that has no title line before it', () => {
    const text = 'A Title\n\nIts abstract.\n\nA second paragraph, orphaned.'
    const result = importTrending(text)
    expect(result.papers).toHaveLength(1)
    expect(result.skipped[0]?.reason).toBe('a paragraph without a title line before it')
    expect(result.skipped[0]?.at).toBe('line 5')
  })

  it('gives nothing for empty text', () => {
    expect(importTrending('')).toEqual({ papers: [], skipped: [] })
  })
})

describe('importTrending and what the model accepts', () => {
  it('shortens an abstract longer than the model allows', () => {
    const [paper] = importTrending(
      `A Long Paper\n\n${'Words and more words. '.repeat(1_000)}`,
    ).papers
    expect(paper?.abstract?.length).toBeLessThanOrEqual(20_000)
    expect(paper?.abstract).toMatch(/…$/)
  })

  it('turns a NUL in a title into a space', () => {
    const [paper] = importTrending('A\u0000Title Here\n\nIts abstract.').papers
    expect(paper?.title).toBe('A Title Here')
  })
})
