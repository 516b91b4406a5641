/**
 * Splits a BibTeX file into entries and parses each one on its own with
 * @citation-js/plugin-bibtex, so that one malformed entry costs only itself.
 *
 * Why this library: it is MIT-licensed and maintained (Citation.js), runs in the browser as in
 * Node, costs about 35 kB gzipped with its core, decodes LaTeX accents to Unicode and keeps
 * macros it does not know (`\oni`) instead of dropping them, and its raw-entry parser gives every
 * field as written (the Citation.js plugin route maps to CSL and loses `eprint`). The others
 * weighed: biblatex-csl-converter (LGPL, drops unknown macros and `\textasciitilde`),
 * @retorquere/bibtex-parser (a dozen dependencies, an NLP model among them), bibtex-parse (no
 * LaTeX decoding).
 *
 * Why split: the library's grammar stops at the first error, and an unclosed brace reads on into
 * the next entries. Every entry starts with `@type{` or `@type(` at the start of a line in any
 * .bib file written by a tool, so the file is cut there. The whole file is parsed first; a run of
 * entries that fails, or gives other entries than it holds (one swallowed by a stray brace), is
 * halved and each half parsed again, down to the single broken entry. A few parses find one bad
 * entry among thousands, and the `@string` definitions read so far go before every run so that
 * macros still expand. The cost: a field value with a line that itself starts with `@word{` would
 * be cut in two (and reported).
 */
import {
  parse as parseBibtexFile,
  type RawBibtexEntry,
} from '@citation-js/plugin-bibtex/lib/input/file.js'
import { lineCounter } from './line-counter'

/** An entry that parsed, or why one did not. */
export type BibtexPiece =
  | { kind: 'entry'; line: number; entry: RawBibtexEntry }
  | { kind: 'error'; line: number; key: string | undefined; text: string; reason: string }

const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm
const NOT_DATA = new Set(['comment', 'preamble', 'string'])

/** True when the text holds at least one `@type{` entry start. */
export function hasBibtexEntries(text: string): boolean {
  return new RegExp(ENTRY_START.source, 'm').test(text)
}

/**
 * The data entries of a BibTeX file in order, each parsed or with the reason it could not be.
 * `@comment`, `@preamble` and `@string` give no pieces (a broken `@string` is reported).
 */
export function bibtexPieces(text: string): BibtexPiece[] {
  const pieces: BibtexPiece[] = []
  parseRun(entryStarts(text), { strings: '' }, pieces)
  return pieces
}

function parseRun(run: EntryStart[], macros: { strings: string }, pieces: BibtexPiece[]): void {
  const data = run.filter((start) => !NOT_DATA.has(start.type))
  const source = run.map((start) => start.chunk).join('')
  let entries: RawBibtexEntry[] | undefined
  let failure: unknown
  try {
    entries = parseBibtexFile(`${macros.strings}\n${source}`)
  } catch (error) {
    failure = error
  }
  const whole =
    entries !== undefined &&
    (run.length === 1 ||
      (entries.length === data.length &&
        entries.every((entry, i) => entry.label === keyOf(data[i]?.chunk))))
  if (entries && whole) {
    entries.forEach((entry, i) => pieces.push({ kind: 'entry', line: data[i]?.line ?? 0, entry }))
    for (const start of run) if (start.type === 'string') macros.strings += `\n${start.chunk}`
  } else if (run.length > 1) {
    const half = Math.ceil(run.length / 2)
    parseRun(run.slice(0, half), macros, pieces)
    parseRun(run.slice(half), macros, pieces)
  } else if (run[0] && run[0].type !== 'comment' && run[0].type !== 'preamble') {
    const { chunk, line } = run[0]
    pieces.push({
      kind: 'error',
      line,
      key: keyOf(chunk),
      text: chunk,
      reason: reasonFor(chunk, failure),
    })
  }
}

interface EntryStart {
  /** 1-based line of the `@`. */
  line: number
  type: string
  /** From this `@` to the next entry's. */
  chunk: string
}

function entryStarts(text: string): EntryStart[] {
  const matches = [...text.matchAll(ENTRY_START)]
  const lineOf = lineCounter(text)
  return matches.map((match, n) => ({
    line: lineOf(match.index),
    type: (match[1] ?? '').toLowerCase(),
    chunk: text.slice(match.index, matches[n + 1]?.index ?? text.length),
  }))
}

function keyOf(chunk: string | undefined): string | undefined {
  return chunk === undefined
    ? undefined
    : /^\s*@\s*[A-Za-z]+\s*[{(]\s*([^,\s]+)\s*,/.exec(chunk)?.[1]
}

/** A reason a user can act on: an unbalanced brace is the usual fault, and says so. */
function reasonFor(chunk: string, error: unknown): string {
  const braces = chunk.replace(/\\[{}]/g, '')
  const open = braces.split('{').length - braces.split('}').length
  if (open > 0) return `malformed entry: ${open} unclosed brace${open > 1 ? 's' : ''} ({)`
  if (open < 0)
    return `malformed entry: ${-open} unmatched closing brace${open < -1 ? 's' : ''} (})`
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
  const grammar = /expected "(\w+)", got "?(\w+)"?/.exec(message)
  if (grammar)
    return `malformed entry: expected ${tokenName(grammar[1])} but found ${tokenName(grammar[2])}`
  return `malformed entry: ${message.replace(/ at line \d+ col \d+:?$/, '')}`
}

/** The library's token names, in the words of someone who writes BibTeX. */
const TOKEN_NAMES: Record<string, string> = {
  at: '"@"',
  comma: '","',
  equals: '"="',
  hash: '"#"',
  lbrace: '"{"',
  rbrace: '"}"',
  quote: 'a quote',
  identifier: 'a field name',
  label: 'text',
  text: 'text',
  number: 'a number',
  whitespace: 'a space',
  EOF: 'the end of the entry',
}

function tokenName(token: string | undefined): string {
  return TOKEN_NAMES[token ?? ''] ?? `"${token ?? ''}"`
}
