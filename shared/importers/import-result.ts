/**
 * What every importer returns: the papers it could read and, for everything else in the input
 * that looked like a paper, where it was and why it was left out. Importers never throw for bad
 * content, so one broken item never costs the user the rest of the file, and every paper they
 * return is one the model's `importPapers` accepts (see finish-papers.ts).
 */
import type { PaperInput } from '../model/types'

/** One item of the input that did not become a paper. */
export interface SkippedItem {
  /** where: line number, entry key or index */
  at: string
  /** a short excerpt of the input */
  excerpt: string
  reason: string
}

/** The papers read from one input, and what was skipped. */
export interface ImportResult {
  papers: PaperInput[]
  skipped: SkippedItem[]
}

const EXCERPT_LENGTH = 80

/**
 * A skipped item with its excerpt cut to one short line, so that a whole abstract or BibTeX
 * entry does not end up in the message the user reads.
 */
export function skippedItem(at: string, input: string, reason: string): SkippedItem {
  const line = collapseWhitespace(input)
  const excerpt = line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH - 1)}…` : line
  return { at, excerpt, reason }
}

/**
 * Joins runs of whitespace, including the newlines that feeds and BibTeX put inside titles and
 * abstracts for line wrapping, into single spaces.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * The text without the byte-order mark some editors and exports put at its start, which no
 * format's grammar allows for (JSON.parse refuses it, and a BibTeX entry after it is not at the
 * start of a line). Only one is removed: a second one is content.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
