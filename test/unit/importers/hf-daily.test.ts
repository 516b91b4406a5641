import { describe, expect, it } from 'vitest'
import { importHfDaily } from '../../../shared/importers/hf-daily'
import { ValidationError } from '../../../shared/model/errors'
import { hfDailyJson, hfItem, hfPaper } from '../../fixtures/importers/hf-daily'

describe('importHfDaily', () => {
  it('maps the paper fields of an item', () => {
    expect(importHfDaily(hfDailyJson())).toEqual({
      papers: [
        {
          title:
            'DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning',
          authors: ['DeepSeek-AI', 'Daya Guo'],
          abstract:
            'We introduce our first-generation reasoning models, DeepSeek-R1-Zero and DeepSeek-R1.',
          arxivId: '2501.12948',
          links: {
            abstract: 'https://arxiv.org/abs/2501.12948',
            pdf: 'https://arxiv.org/pdf/2501.12948',
          },
          published: '2025-01-22T15:19:35.000Z',
          source: 'hf-daily',
        },
      ],
      skipped: [],
    })
  })

  it('prefers paper.* over the top-level copies', () => {
    const item = hfItem(hfPaper(), { title: 'Top title', summary: 'Top summary.' })
    const [paper] = importHfDaily(hfDailyJson([item])).papers
    expect(paper?.title).toMatch(/^DeepSeek-R1/)
    expect(paper?.published).toBe('2025-01-22T15:19:35.000Z')
  })

  it('falls back to the top-level fields the paper lacks or leaves empty', () => {
    const paper = hfPaper({ title: '  ', summary: undefined, publishedAt: undefined })
    const item = hfItem(paper, { title: 'Top title', summary: 'Top summary.' })
    const [read] = importHfDaily(hfDailyJson([item])).papers
    expect(read).toMatchObject({
      title: 'Top title',
      abstract: 'Top summary.',
      published: '2025-01-23T02:09:14.000Z',
      arxivId: '2501.12948',
    })
  })

  it('reads an item without a paper object from its top level', () => {
    const item = hfItem(null, { id: '2401.12345', title: 'Only top level' })
    expect(importHfDaily(hfDailyJson([item])).papers[0]).toMatchObject({
      arxivId: '2401.12345',
      title: 'Only top level',
      authors: [],
    })
  })

  it('skips items without id or title, with a bad id, or that are not objects, and keeps the rest', () => {
    const items = [
      hfItem(hfPaper({ id: undefined })),
      hfItem(hfPaper({ id: 'not-an-id' })),
      hfItem(hfPaper({ id: '2402.00001', title: undefined }), { title: undefined }),
      'a string',
      null,
      hfItem(),
    ]
    const result = importHfDaily(hfDailyJson(items))
    expect(result.papers.map((paper) => paper.arxivId)).toEqual(['2501.12948'])
    expect(result.skipped.map(({ at, reason }) => [at, reason])).toEqual([
      ['item 1', 'no id'],
      ['item 2', 'id "not-an-id" is not an arXiv id'],
      ['item 3', 'no title'],
      ['item 4', 'not an object but a string'],
      ['item 5', 'not an object but null'],
    ])
    expect(result.skipped[0]?.excerpt).toMatch(/^DeepSeek-R1/)
  })

  it('ignores malformed authors instead of failing the paper', () => {
    const paper = hfPaper({ authors: [{ name: 'Ada' }, 'Bob', { name: 42 }, null] })
    expect(importHfDaily(hfDailyJson([hfItem(paper)])).papers[0]?.authors).toEqual(['Ada'])
  })

  it('throws a ValidationError for text that is not JSON', () => {
    expect(() => importHfDaily('[{"paper": ')).toThrow(ValidationError)
    expect(() => importHfDaily('[{"paper": ')).toThrow(/^This is not valid JSON/)
  })

  it('throws a ValidationError for JSON that is not an array', () => {
    expect(() => importHfDaily('{"error": "Invalid date"}')).toThrow(
      new ValidationError('text', 'Expected a JSON array of daily papers, got an object'),
    )
  })

  it('drops a publishedAt that is not an ISO date and keeps the paper', () => {
    const item = hfItem(hfPaper({ publishedAt: 'yesterday' }), { publishedAt: 'yesterday' })
    const [paper] = importHfDaily(hfDailyJson([item])).papers
    expect(paper?.arxivId).toBe('2501.12948')
    expect(paper).not.toHaveProperty('published')
  })

  it('skips an item whose title is too long and drops an author name that is', () => {
    const items = [
      hfItem(hfPaper({ id: '2401.12345', title: 'T'.repeat(1_001) })),
      hfItem(hfPaper({ authors: [{ name: 'A'.repeat(301) }, { name: 'Daya\u0000Guo' }] })),
    ]
    const result = importHfDaily(hfDailyJson(items))
    expect(result.papers.map((paper) => paper.authors)).toEqual([['Daya Guo']])
    expect(result.skipped.map(({ at, reason }) => [at, reason])).toEqual([
      ['item 1', 'title is longer than 1000 characters'],
    ])
  })

  it('reads JSON after a byte-order mark', () => {
    expect(importHfDaily(`\uFEFF${hfDailyJson()}`).papers).toHaveLength(1)
  })

  it('skips a deeply nested item with a short excerpt instead of throwing', () => {
    const array = `${'['.repeat(20_000)}"deep"${']'.repeat(20_000)}`
    const object = `${'{"x":'.repeat(20_000)}1${'}'.repeat(20_000)}`
    const result = importHfDaily(`[${array}, ${object}, ${JSON.stringify(hfItem())}]`)
    expect(result.papers).toHaveLength(1)
    expect(result.skipped).toEqual([
      { at: 'item 1', excerpt: 'an array of 1 item', reason: 'not an object but an array' },
      { at: 'item 2', excerpt: '{x}', reason: 'no id' },
    ])
  })
})
