/**
 * Text copied from a trending-papers page: a few header lines, then for each paper its title on
 * one line and its abstract as the next paragraph, separated by blank lines.
 */
import type { PaperInput } from '../model/types'
import { finishPapers, type DraftResult } from './finish-papers'
import { collapseWhitespace, skippedItem, withoutBom, type ImportResult } from './import-result'
import { decodeLatexEscapes } from './latex'

/** Longer than any real title; abstracts run to a thousand characters and more. */
const MAX_TITLE_LENGTH = 300

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec'

/** Lines the page prints around the papers; dropped wherever they appear, without a report. */
const PAGE_CHROME: readonly RegExp[] = [
  /^new$/i,
  /^subscribe$/i,
  /^get (?:trending|daily) papers\b/i,
  /^by\s*AK\b/i,
  /^(?:trending|daily) papers$/i,
  /^(?:load|see|show) more$/i,
  new RegExp(`^(?:${MONTHS})[a-z]*\\.?\\s+\\d{1,2}(?:,?\\s+\\d{4})?$`, 'i'),
  /^\d{4}-\d{2}-\d{2}$/,
  // Upvote counts and separators.
  /^[\d\s.,:·•|+-]*$/,
]

/** Header lines that only this page has: enough to tell its text from other prose. */
const SIGNATURE = [
  /^get (?:trending|daily) papers in your email inbox/i,
  /^by\s*AK and the research/i,
]

interface Block {
  line: number
  text: string
  lines: number
}

/**
 * Reads trending-page text into papers with source `trending`.
 *
 * Rules, in order:
 * - Line endings may be LF, CRLF or CR; any number of blank lines separate paragraphs, and the
 *   lines of one paragraph are joined with spaces.
 * - Page chrome (`new`, `Subscribe`, `Get trending papers…`, `byAK…`, a date such as `Mar 13`,
 *   bare numbers) is dropped without a report.
 * - A title is a one-line paragraph of at most 300 characters that does not end with a full stop.
 *   A title followed by a paragraph that is not a title is a paper with that abstract.
 * - A title not followed by an abstract (the last line of a truncated copy, or an entry whose
 *   abstract is missing) is still a paper, with an empty abstract, when it is clearly a title:
 *   it comes after the first complete paper, has at least two words and starts with a capital
 *   letter or a digit. Otherwise it is skipped, as is any paragraph that has no title before it.
 * - LaTeX escapes in titles and abstracts are decoded to Unicode ({@link decodeLatexEscapes}):
 *   `na\"ively` gives `naïvely`, `\L ojasiewicz` gives `Łojasiewicz`, `\textasciitilde42\%`
 *   gives `~42%`; unknown macros such as `\oni` stay as written.
 */
export function importTrending(text: string): ImportResult {
  const blocks = paragraphs(withoutBom(text)).filter((block) => !isChrome(block.text))
  const result: DraftResult = { papers: [], skipped: [] }
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block
    const next = blocks[i + 1]
    if (isTitle(block) && next && !isTitle(next)) {
      result.papers.push({ at: `line ${block.line}`, paper: paper(block.text, next.text) })
      i++
    } else if (isTitle(block) && result.papers.length > 0 && isClearlyTitle(block.text)) {
      result.papers.push({ at: `line ${block.line}`, paper: paper(block.text, '') })
    } else {
      const reason = isTitle(block)
        ? result.papers.length > 0
          ? 'a title-like line without an abstract that does not look like a title'
          : 'a line before the first paper that is not page chrome'
        : 'a paragraph without a title line before it'
      result.skipped.push(skippedItem(`line ${block.line}`, block.text, reason))
    }
  }
  return finishPapers(result)
}

/** True when the text carries the trending page's own header lines. */
export function looksLikeTrendingPage(text: string): boolean {
  return paragraphs(text).some((block) => SIGNATURE.some((pattern) => pattern.test(block.text)))
}

function paper(title: string, abstract: string): PaperInput {
  return {
    title: decodeLatexEscapes(collapseWhitespace(title)),
    abstract: decodeLatexEscapes(collapseWhitespace(abstract)),
    source: 'trending',
  }
}

function paragraphs(text: string): Block[] {
  const blocks: Block[] = []
  let current: Block | undefined
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') {
      current = undefined
    } else if (current) {
      current.text += ` ${line}`
      current.lines++
    } else {
      current = { line: index + 1, text: line, lines: 1 }
      blocks.push(current)
    }
  })
  return blocks
}

function isChrome(line: string): boolean {
  return PAGE_CHROME.some((pattern) => pattern.test(line))
}

function isTitle(block: Block): boolean {
  return block.lines === 1 && block.text.length <= MAX_TITLE_LENGTH && !block.text.endsWith('.')
}

function isClearlyTitle(line: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(line) && line.split(/\s+/).length >= 2
}
