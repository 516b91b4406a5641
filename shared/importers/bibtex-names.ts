/**
 * BibTeX name lists (`author = {M{\"u}ller, Hans and {OpenAI} and de la Fontaine, Jean}`) to the
 * display names a paper stores (`Hans Müller`, `OpenAI`, `Jean de la Fontaine`).
 */
import { parse as parseValue, type ParsedName } from '@citation-js/plugin-bibtex/lib/input/value.js'
import { collapseWhitespace } from './import-result'
import { toPlainText } from './latex'

/**
 * Splits a name list on `and` and orders each name as it is read: given names, particle
 * (`van der`), family name, suffix (`Jr.`). Braced names (`{OpenAI}`, `{Barnes and Noble}`) are
 * kept whole, LaTeX is decoded as in {@link toPlainText}, and the trailing `and others` that
 * stands for "et al." is dropped. Throws the library's SyntaxError on a list it cannot read.
 */
export function decodeBibtexNames(value: string): string[] {
  const names = parseValue(value, 'author')
  if (!Array.isArray(names)) return []
  return names.flatMap((name: ParsedName) => {
    if (name.family === 'others' && !name.given && !name.prefix) return []
    const parts = name.literal
      ? [name.literal]
      : [name.given, name.prefix, name.family, name.suffix]
    const display = collapseWhitespace(toPlainText(parts.filter((part) => part).join(' ')))
    return display ? [display] : []
  })
}
