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
 * string is not one. Does not search inside text: see the arxiv-ids importer for that.
 */
export function parseArxivId(input: string): ArxivId | undefined {
  const bare = input.trim().replace(/^arxiv:/i, '')
  const match = NEW_STYLE.exec(bare) ?? OLD_STYLE.exec(bare)
  if (!match?.[1]) return undefined
  const version = match[2] ? Number(match[2].slice(1)) : undefined
  return { id: match[1], version }
}

/** The versionless form of an arXiv identifier, or undefined when `input` is not one. */
export function normalizeArxivId(input: string): string | undefined {
  return parseArxivId(input)?.id
}

/** The abstract page of an arXiv paper. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`
}

/** The PDF of an arXiv paper. */
export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`
}
