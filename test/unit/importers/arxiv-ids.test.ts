import { describe, expect, it } from 'vitest'
import { importArxivIds } from '../../../shared/importers/arxiv-ids'

function ids(text: string): (string | undefined)[] {
  return importArxivIds(text).papers.map((paper) => paper.arxivId)
}

describe('importArxivIds', () => {
  it.each([
    ['2401.12345', '2401.12345'],
    ['2401.12345v2', '2401.12345'],
    ['0704.0001', '0704.0001'],
    ['arXiv:2401.12345', '2401.12345'],
    ['ARXIV: 2401.12345v3', '2401.12345'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['arXiv:hep-th/9901001v1', 'hep-th/9901001'],
    ['https://arxiv.org/abs/2401.12345v2', '2401.12345'],
    ['http://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['arxiv.org/pdf/2401.12345.pdf', '2401.12345'],
    ['https://arxiv.org/pdf/2401.12345v1', '2401.12345'],
    ['https://export.arxiv.org/abs/2401.12345', '2401.12345'],
    ['https://www.arxiv.org/abs/1706.03762', '1706.03762'],
    ['https://arxiv.org/html/2401.12345v2', '2401.12345'],
  ])('reads %s as %s', (text, id) => {
    expect(ids(text)).toEqual([id])
  })

  it('gives id-only papers with arXiv links and no title', () => {
    expect(importArxivIds('2401.12345v2').papers).toEqual([
      {
        arxivId: '2401.12345',
        links: {
          abstract: 'https://arxiv.org/abs/2401.12345',
          pdf: 'https://arxiv.org/pdf/2401.12345',
        },
        source: 'arxiv',
      },
    ])
  })

  it('reads one id per line, in order', () => {
    expect(ids('2401.12345\nhep-th/9901001\r\narXiv:1706.03762\n')).toEqual([
      '2401.12345',
      'hep-th/9901001',
      '1706.03762',
    ])
  })

  it('finds ids mixed into prose, markdown and HTML', () => {
    const text = [
      'We read [Attention](https://arxiv.org/abs/1706.03762) last week (see also arXiv:2001.08361).',
      'Next: <a href="https://arxiv.org/pdf/2401.12345v2.pdf">the PDF</a>, and 2312.00752.',
    ].join('\n')
    expect(ids(text)).toEqual(['1706.03762', '2001.08361', '2401.12345', '2312.00752'])
  })

  it('collapses versions and repeats into one paper and reports the repeats', () => {
    const result = importArxivIds(
      '2401.12345v1\nhttps://arxiv.org/abs/2401.12345v2\narXiv:2401.12345',
    )
    expect(result.papers.map((paper) => paper.arxivId)).toEqual(['2401.12345'])
    expect(result.skipped).toEqual([
      {
        at: 'line 2',
        excerpt: 'arxiv.org/abs/2401.12345v2',
        reason: 'duplicate of arXiv:2401.12345 (line 1)',
      },
      {
        at: 'line 3',
        excerpt: 'arXiv:2401.12345',
        reason: 'duplicate of arXiv:2401.12345 (line 1)',
      },
    ])
  })

  it('leaves version numbers, dates and other numbers in prose alone', () => {
    const prose = [
      'Upgrade to 1.2345 or 10.2345.1 before 2023.1234; build 1234.5678 failed on 2024.03.15.',
      'Scores: 3.14159, 2401.123456, v2401.12345 and 1.2401.12345; see docs/1234567 and ab/9901001.',
      'New-style ids started in 0704, so 0612.1234 is not one, nor 1501.1234 (5 digits since 2015).',
    ].join('\n')
    expect(importArxivIds(prose)).toEqual({ papers: [], skipped: [] })
  })

  it('does not take "on arXiv:" in a sentence for an id', () => {
    expect(importArxivIds('It is on arXiv: we posted it yesterday.')).toEqual({
      papers: [],
      skipped: [],
    })
  })

  it('reports impossible ids after a prefix or in an arXiv link', () => {
    const result = importArxivIds(
      'arXiv:2413.12345\nhttps://arxiv.org/abs/not-an-id\narxiv:1412.12345',
    )
    expect(result.papers).toEqual([])
    expect(result.skipped).toEqual([
      { at: 'line 1', excerpt: 'arXiv:2413.12345', reason: 'month 13 does not exist: 2413.12345' },
      {
        at: 'line 2',
        excerpt: 'arxiv.org/abs/not-an-id',
        reason: 'not an arXiv id: not-an-id',
      },
      {
        at: 'line 3',
        excerpt: 'arxiv:1412.12345',
        reason: 'ids before 2015 have 4 digits after the dot: 1412.12345',
      },
    ])
  })

  it('gives nothing for text without ids', () => {
    expect(importArxivIds('')).toEqual({ papers: [], skipped: [] })
  })
})
