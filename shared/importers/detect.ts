/** Picks the importer for a pasted text or an uploaded file. */
import { importArxivAtom } from './arxiv-atom'
import { importArxivIds } from './arxiv-ids'
import { importBibtex } from './bibtex'
import { hasBibtexEntries } from './bibtex-entries'
import { importHfDaily } from './hf-daily'
import { withoutBom, type ImportResult } from './import-result'
import { importTrending, looksLikeTrendingPage } from './trending'

/** The input formats there are importers for; each is also the `source` of its papers. */
export type ImportFormat = 'atom' | 'hf-daily' | 'bibtex' | 'trending' | 'arxiv'

const BY_EXTENSION = new Map<string, ImportFormat>([
  ['xml', 'atom'],
  ['atom', 'atom'],
  ['json', 'hf-daily'],
  ['bib', 'bibtex'],
  ['bibtex', 'bibtex'],
])

const IMPORTERS: Record<ImportFormat, (text: string) => ImportResult> = {
  atom: importArxivAtom,
  'hf-daily': importHfDaily,
  bibtex: importBibtex,
  trending: importTrending,
  arxiv: importArxivIds,
}

/**
 * Imports text of any supported format, saying which one it took it for.
 *
 * A filename ending in `.xml`/`.atom`, `.json` or `.bib`/`.bibtex` decides the format (so a
 * broken file is reported as broken rather than scanned for ids). Otherwise the content decides,
 * in this order: XML whose root is an Atom `feed` or `entry`; a JSON array (text starting with
 * `[` or `{` that parses); a `@type{` BibTeX entry; the trending page's own header lines; any
 * arXiv id or link; title-and-abstract paragraphs as on the trending page; and else an empty
 * result as `arxiv`.
 *
 * Throws {@link ValidationError} as the chosen importer does, e.g. for a `.json` file that is
 * not JSON or JSON that is not an array.
 */
export function detectAndImport(
  text: string,
  filename?: string,
): ImportResult & { format: ImportFormat } {
  const format = formatOf(text, filename)
  return { ...IMPORTERS[format](text), format }
}

function formatOf(input: string, filename: string | undefined): ImportFormat {
  const extension = /\.([a-z]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase()
  const byName = extension ? BY_EXTENSION.get(extension) : undefined
  if (byName) return byName
  // Each importer removes the byte-order mark itself, so the text it gets keeps it.
  const text = withoutBom(input)
  const start = text.trimStart()
  if (start.startsWith('<') && /<(?:[\w-]+:)?(?:feed|entry)[\s>]/.test(start)) return 'atom'
  if ((start.startsWith('[') || start.startsWith('{')) && parsesAsJson(start)) return 'hf-daily'
  if (hasBibtexEntries(text)) return 'bibtex'
  if (looksLikeTrendingPage(text)) return 'trending'
  if (importArxivIds(text).papers.length > 0) return 'arxiv'
  return importTrending(text).papers.length > 0 ? 'trending' : 'arxiv'
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
