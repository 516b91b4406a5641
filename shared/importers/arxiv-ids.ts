/**
 * arXiv ids and links found anywhere in free text: one per line, or mixed into prose, notes
 * or an HTML page.
 */
import { arxivAbsUrl, arxivIdProblem, arxivPdfUrl, parseArxivId } from '../arxiv-id'
import type { PaperInput } from '../model/types'
import { finishPapers, type DraftResult } from './finish-papers'
import { skippedItem, withoutBom, type ImportResult } from './import-result'
import { lineCounter } from './line-counter'

/**
 * The archives of old-style ids (`hep-th/9901001`). Only these are matched bare in prose, so
 * that a path such as `docs/1234567` is not taken for a paper.
 */
const OLD_ARCHIVES = [
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn',
  'chem-ph', 'cmp-lg', 'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex',
  'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th',
  'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'quant-ph', 'solv-int', 'supr-con',
] // prettier-ignore

/**
 * Leftmost match wins, so a link or an `arXiv:` prefix is read as a whole before its id could be
 * matched bare. After a link, or after a prefix when it starts like an id (a digit, or an archive
 * and a slash), the token is taken loosely and checked afterwards, so that a mistyped id there is
 * reported instead of silently ignored, while "on arXiv: we show" is just prose. Bare ids must stand alone:
 * not inside a longer number (`1.2401.12345`), a path or a word.
 */
const ID_IN_TEXT = new RegExp(
  [
    String.raw`(?<![\w-])(?:(?:www|export)\.)?arxiv\.org\/(?:abs|pdf|html)\/(?<linked>[^\s?#"'<>()\[\]]+)`,
    String.raw`\barxiv:\s?(?<prefixed>(?:\d|[a-z-]+(?:\.[a-z]{2})?\/)[^\s,;"'<>()\[\]]*)`,
    String.raw`(?<![\w.\/-])(?<bare>\d{4}\.\d{4,5}(?:v\d+)?)(?![\w-]|\.\d)`,
    String.raw`(?<![\w.\/-])(?<old>(?:${OLD_ARCHIVES.join('|')})(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)(?![\w-])`,
  ].join('|'),
  'gi',
)

/**
 * Reads every arXiv id in the text into an id-only paper with source `arxiv` (the model stores it
 * as needing metadata). Recognised: new-style ids (`2401.12345v2`, `0704.0001`), old-style ids
 * (`hep-th/9901001`, `math.GT/0309136`), either with an `arXiv:` prefix or in an abs, pdf or html
 * link on arxiv.org or export.arxiv.org (`.pdf` suffixes are fine). Versions are dropped and
 * repeated ids give one paper; the repeats are reported as skipped.
 *
 * A bare number is only taken for an id when its date could be one (month 01-12, 4 digits after
 * the dot before 2015 and 5 since): `1.2345`, `2023.1234` or `1234.5678` in prose are left alone,
 * without a report. After `arXiv:` or in an arXiv link, an impossible id is reported as skipped.
 */
export function importArxivIds(input: string): ImportResult {
  const text = withoutBom(input)
  const result: DraftResult = { papers: [], skipped: [] }
  const firstSeen = new Map<string, string>()
  const lineOf = lineCounter(text)
  for (const match of text.matchAll(ID_IN_TEXT)) {
    const groups = match.groups ?? {}
    const explicit = groups['linked'] ?? groups['prefixed']
    const token = explicit ? cleanToken(explicit) : (groups['bare'] ?? groups['old'] ?? '')
    const at = `line ${lineOf(match.index)}`
    const excerpt = match[0].replace(/[.,;:!?]+$/, '')
    const problem = arxivIdProblem(token)
    if (problem) {
      if (explicit) result.skipped.push(skippedItem(at, excerpt, `${problem}: ${token}`))
      continue
    }
    const id = parseArxivId(token)?.id ?? token
    const seenAt = firstSeen.get(id)
    if (seenAt) {
      result.skipped.push(skippedItem(at, excerpt, `duplicate of arXiv:${id} (${seenAt})`))
      continue
    }
    firstSeen.set(id, at)
    result.papers.push({ at, paper: idOnlyPaper(id) })
  }
  return finishPapers(result)
}

function idOnlyPaper(arxivId: string): PaperInput {
  return {
    arxivId,
    links: { abstract: arxivAbsUrl(arxivId), pdf: arxivPdfUrl(arxivId) },
    source: 'arxiv',
  }
}

/** Drops what follows an id in a link or sentence: `.pdf`, closing punctuation. */
function cleanToken(token: string): string {
  return token.replace(/[.,;:!?/]+$/, '').replace(/\.pdf$/i, '')
}
