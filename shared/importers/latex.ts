/**
 * LaTeX to Unicode, so that titles and abstracts read and search as text: `na\"ively` becomes
 * `naïvely` and `\textasciitilde42\%` becomes `~42%`.
 *
 * The decoding is @citation-js/plugin-bibtex's value parser, the same one the BibTeX importer
 * uses for its fields, so an accent decodes the same whichever importer a paper came through.
 * The library decodes faithfully: `\'a` is `á` (acute), whatever the author meant.
 *
 * Two entry points, because the inputs differ:
 * - {@link decodeLatex}: a whole BibTeX field, which is LaTeX by definition: braces are markup
 *   and are dropped, `--` is a dash, `~` a space, `$x^2$` math.
 * - {@link decodeLatexEscapes}: prose that only contains LaTeX here and there (page text,
 *   abstracts): only the backslash escapes are decoded; braces, `--`, quotes and `$` are left
 *   as written, since in prose they are usually meant literally.
 *
 * In both, a macro the library does not know (`\oni`) is kept as written, and the library's
 * HTML formatting (`\emph{x}` becomes `<i>x</i>`) is reduced to the plain text inside.
 */
import { formatting } from '@citation-js/plugin-bibtex/lib/input/constants.js'
import { parse as parseValue } from '@citation-js/plugin-bibtex/lib/input/value.js'

/** The markup strings the library can emit; quotes are text, so they stay. */
const MARKUP = Object.entries(formatting)
  .filter(([kind]) => kind !== 'quotes')
  .flatMap(([, pair]) => pair)
  .filter((markup) => markup !== '')

/** `{...}` holding no braces, or only the dotless `\i` and `\j` that accents sit on. */
const GROUP = String.raw`\{(?:[^{}\\]|\\[ij](?![a-zA-Z]))*\}`

/**
 * Control words that make a letter (`\L`, `\ss`) or accent the next one (`\c c`, `\v s`). In
 * LaTeX the space after them only ends the word, so `\L ojasiewicz` is one word: `Łojasiewicz`.
 */
const JOINING = 'L|l|O|o|i|j|ss|ae|AE|oe|OE|aa|AA|c|v|u|H|k|r|d|b|t'

/**
 * One escape in prose: a joining control word with the group or letter it applies to, even
 * after a space; any other control word with an optional group (`\textasciitilde`,
 * `\emph{...}`); or a control symbol with the group or letter it accents (`\"u`, `\'{\i}`,
 * `\%`). Other control words never take a following letter, so `\alpha and` keeps its space.
 */
const ESCAPE = new RegExp(
  String.raw`\\(?:(?:${JOINING})(?![a-zA-Z])(?:${GROUP}| *[a-zA-Z])?` +
    String.raw`|[a-zA-Z]+(?:${GROUP})?` +
    String.raw`|[^a-zA-Z\s](?:${GROUP}|\\[ij](?![a-zA-Z])|[a-zA-Z])?)`,
  'g',
)

/** The field name whose grammar is plain text in the library (not names, not a URI). */
const TEXT_FIELD = 'abstract'

/**
 * Decodes a whole LaTeX field value (a BibTeX title or abstract) to plain Unicode text.
 * Throws the library's SyntaxError when the value is not readable LaTeX (an unclosed `$`):
 * the caller decides what to fall back to.
 */
export function decodeLatex(value: string): string {
  const decoded = parseValue(value, TEXT_FIELD)
  return toPlainText(typeof decoded === 'string' ? decoded : String(decoded))
}

/**
 * Decodes the backslash escapes in prose, leaving everything else as written. Never throws:
 * an escape the library cannot decode, or decodes to nothing, is kept verbatim.
 */
export function decodeLatexEscapes(text: string): string {
  return text.replace(ESCAPE, (escape) => {
    try {
      const decoded = decodeLatex(escape)
      return decoded === '' || decoded.includes('\\') ? escape : decoded
    } catch {
      return escape
    }
  })
}

/**
 * Turns the library's output into plain text: drops its HTML formatting and composes accents
 * into single characters (NFC), so that `é` from `\'e` matches a typed `é` in search.
 */
export function toPlainText(decoded: string): string {
  let text = decoded
  for (const markup of MARKUP) text = text.split(markup).join('')
  // `\'{\i}` gives a dotless i with a combining accent, which has no composed form; the
  // accented letter people mean is the ordinary one (í).
  return text
    .replace(/ı(?=[\u0300-\u036f])/g, 'i')
    .replace(/ȷ(?=[\u0300-\u036f])/g, 'j')
    .normalize('NFC')
}
