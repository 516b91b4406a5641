/**
 * arXiv identifiers: new style `2401.12345` (4 or 5 digits after the dot, 4 digits before
 * 2015) and old style `hep-th/9901001` / `math.GT/0309136`, each optionally followed by a
 * version `v2`.
 */

const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/
const OLD_STYLE = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/

/** A parsed arXiv identifier. */
export interface ArxivId {
  /** The identifier without version, e.g. `2401.12345` or `hep-th/9901001`. */
  id: string
  /** The version number, when the input named one. */
  version: number | undefined
}

/**
 * Parses one arXiv identifier (optionally prefixed `arXiv:`), returning undefined when the
 * string is not one. Checks the shape only, not the date: see {@link arxivIdProblem}. Does not
 * search inside text: see the arxiv-ids importer for that.
 */
export function parseArxivId(input: string): ArxivId | undefined {
  const bare = input.trim().replace(/^arxiv:\s*/i, '')
  const match = NEW_STYLE.exec(bare) ?? OLD_STYLE.exec(bare)
  if (!match?.[1]) return undefined
  const version = match[2] ? Number(match[2].slice(1)) : undefined
  return { id: match[1], version }
}

/** The versionless form of an arXiv identifier, or undefined when `input` is not one. */
export function normalizeArxivId(input: string): string | undefined {
  return parseArxivId(input)?.id
}

/**
 * Why an identifier that {@link parseArxivId} accepts cannot have been issued by arXiv, or
 * undefined when it can. New-style ids started in April 2007 (`0704`) with 4 digits after the
 * dot and moved to 5 digits in January 2015 (`1501`); old-style ids ran from August 1991 to
 * March 2007. Free text is full of numbers shaped like ids (`2023.1234`, `1234.5678`), and the
 * month check is what tells them apart, so the text importer relies on this.
 */
export function arxivIdProblem(id: string): string | undefined {
  const parsed = parseArxivId(id)
  if (!parsed) return 'not an arXiv id'
  const newStyle = /^(\d\d)(\d\d)\.(\d+)$/.exec(parsed.id)
  if (newStyle) {
    const [, yy = '', mm = '', number = ''] = newStyle
    const yymm = Number(yy + mm)
    if (Number(mm) < 1 || Number(mm) > 12) return `month ${mm} does not exist`
    if (yymm < 704) return 'new-style arXiv ids start in April 2007 (0704)'
    if (yymm < 1501 && number.length !== 4) return 'ids before 2015 have 4 digits after the dot'
    if (yymm >= 1501 && number.length !== 5) return 'ids since 2015 have 5 digits after the dot'
    return undefined
  }
  const oldStyle = /\/(\d\d)(\d\d)\d{3}$/.exec(parsed.id)
  const [, yy = '', mm = ''] = oldStyle ?? []
  if (Number(mm) < 1 || Number(mm) > 12) return `month ${mm} does not exist`
  // Old-style years wrap: 91-99 are the 1990s, 00-07 the 2000s.
  const year = Number(yy) >= 91 ? 1900 + Number(yy) : 2000 + Number(yy)
  const yymm = year * 100 + Number(mm)
  if (yymm < 199108 || yymm > 200703) return 'old-style arXiv ids ran from 9108 to 0703'
  return undefined
}

/** The abstract page of an arXiv paper. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`
}

/** The PDF of an arXiv paper. */
export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`
}
