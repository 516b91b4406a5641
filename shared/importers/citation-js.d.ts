/**
 * Types for the parts of @citation-js/plugin-bibtex that the BibTeX importer calls directly.
 * The package's own types only describe its Citation.js plugin (which maps entries to CSL and
 * loses fields such as `eprint`), so these cover its raw-entry and value parsers. They are
 * CommonJS modules: the ESM build imports JSON without import attributes, which Node rejects.
 */

declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  /** One entry with its fields as written, macros expanded and LaTeX not yet decoded. */
  export interface RawBibtexEntry {
    /** Lower-cased entry type, e.g. `article`. */
    type: string
    label: string
    /** Field values keyed by lower-cased field name; bare numbers come back as numbers. */
    properties: Record<string, string | number>
  }
  /** Parses a BibTeX file; throws a SyntaxError at the first malformed entry. */
  export function parse(text: string): RawBibtexEntry[]
}

declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  /** A name as the library splits it ("von Last, Jr, First"). */
  export interface ParsedName {
    given?: string
    family?: string
    prefix?: string
    suffix?: string
    literal?: string
  }
  /**
   * Decodes one field value; the field name picks the grammar: name lists give ParsedName[],
   * text fields give a string. Throws a SyntaxError on LaTeX it cannot read (an unclosed `$`).
   */
  export function parse(text: string, field: string): unknown
}

declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  /** The HTML (or quotes) the value parser wraps formatted text in, by kind. */
  export const formatting: Record<string, [string, string]>
}
