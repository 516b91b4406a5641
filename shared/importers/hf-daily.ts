/**
 * The JSON of Hugging Face's daily papers (`/api/daily_papers`): an array of items, each with
 * the paper under `paper` and some of its fields repeated at the top level.
 */
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from '../arxiv-id'
import { ValidationError } from '../model/errors'
import type { PaperInput } from '../model/types'
import { finishPapers, type DraftResult } from './finish-papers'
import { collapseWhitespace, skippedItem, withoutBom, type ImportResult } from './import-result'
import { decodeLatexEscapes } from './latex'

type Item = Record<string, unknown>

/**
 * Reads daily-papers JSON into papers with source `hf-daily`.
 *
 * Per item, each field is read from `paper` first and from the item itself when `paper` lacks
 * it: `id` (an arXiv id) gives `arxivId` and arXiv's abstract and PDF links, `title` and
 * `summary` (the abstract, whitespace collapsed and LaTeX escapes decoded as for trending text),
 * `publishedAt` gives `published`, `authors[].name` the authors. `upvotes` has no place in a
 * paper and is not read.
 *
 * Skipped with a reason: items that are not objects, have no id, an id that is not an arXiv id,
 * or no title.
 *
 * Throws {@link ValidationError} when the text is not JSON or not an array: that is not a
 * daily-papers export at all.
 */
export function importHfDaily(text: string): ImportResult {
  let data: unknown
  try {
    data = JSON.parse(withoutBom(text))
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : ''
    throw new ValidationError('text', `This is not valid JSON${detail}`)
  }
  if (!Array.isArray(data)) {
    throw new ValidationError('text', 'Expected a JSON array of daily papers, got ' + kindOf(data))
  }

  const result: DraftResult = { papers: [], skipped: [] }
  data.forEach((item: unknown, index) => {
    const at = `item ${index + 1}`
    if (!isItem(item)) {
      result.skipped.push(skippedItem(at, summaryOf(item), `not an object but ${kindOf(item)}`))
      return
    }
    const field = (name: string): unknown =>
      pick(isItem(item['paper']) ? item['paper'][name] : undefined, item[name])
    const id = stringOf(field('id'))
    const title = stringOf(field('title'))
    const arxivId = parseArxivId(id)?.id
    if (!arxivId || !title) {
      const reason = !id
        ? 'no id'
        : !arxivId
          ? `id ${JSON.stringify(id.slice(0, 40))} is not an arXiv id`
          : 'no title'
      result.skipped.push(skippedItem(at, title || id || summaryOf(item), reason))
      return
    }
    const paper: PaperInput = {
      title: decodeLatexEscapes(title),
      authors: authorsOf(field('authors')),
      abstract: decodeLatexEscapes(stringOf(field('summary'))),
      arxivId,
      links: { abstract: arxivAbsUrl(arxivId), pdf: arxivPdfUrl(arxivId) },
      source: 'hf-daily',
    }
    const published = stringOf(field('publishedAt'))
    if (published) paper.published = published
    result.papers.push({ at, paper })
  })
  return finishPapers(result)
}

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The `paper` value unless it is missing or empty, in which case the item's own. */
function pick(fromPaper: unknown, fromItem: unknown): unknown {
  const empty =
    fromPaper === undefined ||
    fromPaper === null ||
    (typeof fromPaper === 'string' && fromPaper.trim() === '') ||
    (Array.isArray(fromPaper) && fromPaper.length === 0)
  return empty ? fromItem : fromPaper
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? collapseWhitespace(value) : ''
}

function authorsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value
    .map((author: unknown) => (isItem(author) ? stringOf(author['name']) : ''))
    .filter((name) => name !== '')
}

/**
 * A few words on a value for an excerpt. Not `JSON.stringify`: an item may be nested deeper
 * than the stack allows, and only its first characters are shown anyway.
 */
function summaryOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) {
    return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`
  }
  if (isItem(value)) {
    const keys = Object.keys(value)
    return `{${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}}`
  }
  return String(value)
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
