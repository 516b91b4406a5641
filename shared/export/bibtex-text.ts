/**
 * Titles, abstracts and author names as BibTeX field values, escaped by
 * @citation-js/plugin-bibtex so that the file parses and reads back to the same text.
 */
import { format as formatValue } from '@citation-js/plugin-bibtex/lib/output/value.js'
import { decodeLatex } from '../importers/latex'

/** A display name split as BibTeX orders it ("von Last, Jr, First"), or kept whole. */
export interface BibtexName {
  given?: string
  prefix?: string
  family?: string
  suffix?: string
  literal?: string
}

/** A plain-text field in the library's grammar: special characters escaped, no title casing. */
const TEXT_FIELD = 'abstract'
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/
/**
 * Character pairs that LaTeX and importers read as one character (`--` a dash, `''` a closing
 * quote, `!\`` an inverted mark); the library writes `–` as `--` and `’` as `'`, so such a pair
 * can also form where two characters meet.
 */
const LIGATURES = new Set(['--', "''", '``', '!`', '?`', ',,'])
const written = new Map<string, string>()
const IN_NAME = { inName: true }

/**
 * One character as the library writes it, or as it is when what the library writes does not
 * read back (with the importer's decoding) as that character: it drops `中`, emoji and `≤`,
 * writes compatibility forms as plain letters (`ﬁ` as `fi`) and some accented Greek as broken
 * math, so those stay UTF-8. Characters go through one at a time, `<` among them, because the
 * library reads `<i>` or `<span>` in a value as formatting.
 */
/**
 * The short escapes every BibTeX reader knows (Zotero, JabRef, biber), for characters the
 * library writes as textcomp commands (`\textunderscore{}`), which some of them do not read.
 * Not `\{`: BibTeX counts a brace even after a backslash, so a lone one would end the field.
 */
const SHORT: Record<string, string> = { _: '\\_', $: '\\$' }

function latexChar(char: string): string {
  let latex = written.get(char)
  if (latex === undefined) {
    latex = SHORT[char] ?? formatValue(TEXT_FIELD, char)
    if (!readsBackAs(latex, char)) latex = char
    written.set(char, latex)
  }
  return latex
}

function readsBackAs(latex: string, char: string): boolean {
  try {
    return latex !== '' && decodeLatex(latex) === char.normalize('NFC')
  } catch {
    return false
  }
}

/** True when the library writes `char` as a ligature of plain characters (`’` as `'`). */
function isLigature(char: string, latex: string): boolean {
  return latex !== char && !latex.includes('\\')
}

/**
 * `text` as the inside of a braced BibTeX value: `{ } % & $ # _ ~ ^ \` escaped, accented letters
 * as LaTeX (`{\' e}`), characters without a LaTeX form kept as UTF-8, and `{}` between two
 * characters that would read as one (`-{}-`). A line that starts with `@` gets `{}` before it,
 * since importers cut a file at every line starting `@word{`. In a name (`inName`), dashes and
 * curly quotes stay UTF-8 and `=` is braced.
 */
export function latexText(text: string, options: { inName?: boolean } = {}): string {
  let latex = ''
  for (const char of text) {
    let next = latexChar(char)
    // Name parsers, ours among them, do not read ligatures (`’` must stay `’` there), and
    // BibLaTeX's extended name format reads `=` as `given=Ada` unless braced.
    if (options.inName && isLigature(char, next)) next = char
    if (options.inName && char === '=') next = '{=}'
    if (LIGATURES.has(latex.slice(-1) + next.charAt(0))) latex += '{}'
    latex += next
  }
  return latex.replace(/^([ \t]*)@/gm, '$1{}@')
}

/**
 * A display name ("Ada Lovelace", "Jean de la Fontaine", "Martin Luther King Jr.") split at its
 * last word into given and family names, lowercase words before the family name taken as its
 * particle. A one-word name, or one holding a comma or the word `and`, is kept whole.
 */
export function splitName(display: string): BibtexName {
  const name = display.trim().replace(/\s+/g, ' ')
  const words = name.split(' ')
  if (words.length < 2 || name.includes(',') || /\sand\s/i.test(name)) return { literal: name }
  const suffix = words.length > 2 && SUFFIX.test(words.at(-1) ?? '') ? words.pop() : undefined
  const family = words.pop()
  let start = words.length
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1] ?? '')) start--
  const prefix = words.slice(start).join(' ')
  return {
    given: words.slice(0, start).join(' '),
    family,
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
  }
}

/**
 * Names as a BibTeX `author` value: `Family, Given and …`, `von Family, Jr., Given` with a
 * particle or suffix, a name kept whole in braces. Written here rather than by the library's
 * name format, which drops CSL `literal` names, writes a one-word name unescaped and loses the
 * characters it has no LaTeX form for (CJK names).
 */
export function bibtexNames(names: readonly string[]): string {
  return names
    .map(splitName)
    .filter((name) => name.literal !== '')
    .map((name) => {
      if (name.literal !== undefined) return `{${latexText(name.literal, IN_NAME)}}`
      // Name parsers split a family name at a hyphen and can take a lowercase part after it
      // for a particle ("Al-rashid" read back as "Al rashid"); a braced hyphen is plain text.
      const family = [
        latexText(name.prefix ?? '', IN_NAME),
        latexText(name.family ?? '', IN_NAME).replaceAll('-', '{-}'),
      ]
        .filter(Boolean)
        .join(' ')
      const rest = [name.suffix, name.given]
        .filter(Boolean)
        .map((part) => latexText(part ?? '', IN_NAME))
      return [family, ...rest].join(', ')
    })
    .join(' and ')
}
