/**
 * Types for the parts of @citation-js/plugin-bibtex's BibTeX output that the exporter calls
 * directly. The package's own types only describe its Citation.js plugin, whose CSL mapping drops
 * `abstract` and `eprint`, so the exporter formats values and entries with these modules instead.
 * They are CommonJS modules, as in ../importers/citation-js.d.ts: the ESM build imports JSON
 * without import attributes, which Node rejects.
 */

declare module '@citation-js/plugin-bibtex/lib/output/value.js' {
  /**
   * Formats one field value as BibTeX, the field name picking how: `author` takes a list of CSL
   * names, `title` braces capitalised words, text fields escape LaTeX-special characters and
   * write accents as LaTeX; `url`, `doi` and `eprint` are written verbatim. A character with no
   * LaTeX form (CJK, emoji) is dropped from text fields.
   */
  export function format(field: string, value: unknown): string
}

declare module '@citation-js/plugin-bibtex/lib/output/bibtex.js' {
  /** One entry with its field values already formatted. */
  export interface FormattedBibtexEntry {
    type: string
    label: string
    properties: Record<string, string>
  }
  /** Opening and closing text around each part; the library joins the pair with the content. */
  export interface BibtexDict {
    bibliographyContainer: [string, string]
    entry: [string, string]
    list: [string, string]
    listItem: [string, string]
  }
  /** Writes `@type{label, field = {value}, …}` for each entry, in order. */
  export function format(entries: FormattedBibtexEntry[], dict: BibtexDict): string
}
