/**
 * A group's papers as a BibTeX file, for a member's reference manager (Zotero, JabRef, BibDesk)
 * or a LaTeX bibliography.
 *
 * Values are formatted by @citation-js/plugin-bibtex's output modules, the same library the
 * BibTeX importer reads with, so a file exported here reads back to the same papers. The
 * library's CSL route (`Cite#format('bibtex')`) is not used: its mapping drops `abstract` and
 * `eprint`, and it would bring @citation-js/core into the client bundle.
 */
import { format as formatEntries } from '@citation-js/plugin-bibtex/lib/output/bibtex.js'
import { format as formatValue } from '@citation-js/plugin-bibtex/lib/output/value.js'
import { arxivAbsUrl } from '../arxiv-id'
import type { Paper } from '../model/types'
import { citationKeys } from './bibtex-keys'
import { bibtexNames, latexText } from './bibtex-text'

/** Tab-indented fields, a blank line between entries: what the library writes as text. */
const DICT = {
  bibliographyContainer: ['', ''] as [string, string],
  entry: ['', '\n\n'] as [string, string],
  list: ['\n', ''] as [string, string],
  listItem: ['\t', '\n'] as [string, string],
}

/**
 * The papers as BibTeX entries, one per paper in the given order, each a `@misc` (the group
 * knows no venue, and `@article` without a journal makes BibTeX styles warn).
 *
 * Keys are the first author's family name, the year and the first title word in lowercase ASCII
 * (`vaswani2017attention`), with `a`, `b`… added when two papers would share one, in the order
 * they were added to the group among `library` (all its papers, when `papers` is a part), so
 * that keys stay put as papers are added; a paper with no author or date still gets a key
 * (`attention`, or `paper`). Fields: `title`, protected by braces so styles keep its capitals;
 * `author` (`Family, Given and …`, a one-word or corporate name braced whole); `year` and
 * `month` from the published date; for an arXiv paper `eprint`, `archivePrefix = {arXiv}` and
 * its abstract page as `url`, else the abstract link as `url`; `doi`; `abstract`; the paper's
 * tags in the group, from `tags` by paper id, as `keywords`. LaTeX-special characters are
 * escaped and accents written as LaTeX; a character with no LaTeX form (CJK, emoji) is kept as
 * UTF-8. Never throws; no papers give `''`.
 */
export function papersToBibtex(
  papers: readonly Paper[],
  library: readonly Paper[] = papers,
  tags: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  if (papers.length === 0) return ''
  const keys = citationKeys(papers, library)
  const entries = papers.map((paper, index) => {
    const properties = fieldsOf(paper)
    const keywords = (tags.get(paper.id) ?? []).map((tag) => latexText(tag)).filter(Boolean)
    // Zotero and JabRef read `keywords` as the entry's tags.
    if (keywords.length > 0) properties['keywords'] = keywords.join(', ')
    return { type: 'misc', label: keys[index] ?? `paper${index}`, properties }
  })
  return `${formatEntries(entries, DICT).trimEnd()}\n`
}

function fieldsOf(paper: Paper): Record<string, string> {
  const fields: Record<string, string> = {}
  // One pair of braces around the whole title, which the library writes for a CSL `nocase`
  // span: its own title format braces only capitalised words after the first of each part, so
  // a leading "LLaMA" or "GPT-4" would still be lowercased by sentence-case styles.
  const title = latexText(String(paper.title ?? ''))
  if (title) fields['title'] = `{${title}}`
  const authors = Array.isArray(paper.authors) ? paper.authors : []
  const author = bibtexNames(authors.filter((name) => typeof name === 'string'))
  if (author) fields['author'] = author
  const date = /^(\d{4})(?:-(\d{2}))?/.exec(paper.published ?? '')
  if (date?.[1]) fields['year'] = formatValue('year', date[1])
  const month = Number(date?.[2])
  if (month >= 1 && month <= 12) fields['month'] = formatValue('month', String(month))
  if (paper.arxivId) {
    fields['eprint'] = verbatim(paper.arxivId)
    // Spelt as arXiv's own export spells it; BibTeX field names are case-insensitive.
    fields['archivePrefix'] = formatValue('archiveprefix', 'arXiv')
  }
  const url = paper.arxivId ? arxivAbsUrl(paper.arxivId) : paper.links?.abstract
  if (url) fields['url'] = verbatim(url)
  if (paper.doi) fields['doi'] = verbatim(paper.doi)
  const abstract = latexText(String(paper.abstract ?? ''))
  if (abstract) fields['abstract'] = abstract
  return fields
}

/**
 * The library writes `url`, `doi` and `eprint` as they are, and an unbalanced brace there would
 * end the entry early, so braces and backslashes are percent-encoded (as a URL would have them).
 */
function verbatim(value: string): string {
  return formatValue(
    'url',
    value.trim().replace(/[{}\\\s]/g, (char) => encodeURIComponent(char)),
  )
}
