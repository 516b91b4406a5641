/**
 * The Atom feed the arXiv API answers queries with (`export.arxiv.org/api/query?...`).
 *
 * fast-xml-parser because it is maintained, small, pure JavaScript (it runs in the browser as
 * in Node) and types its API. Its parser is lenient by design, so the text is validated first
 * with its XMLValidator (deprecated upstream in favour of a separate package, but still shipped
 * and sufficient here).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { arxivAbsUrl, arxivPdfUrl, normalizeArxivId } from '../arxiv-id'
import { ValidationError } from '../model/errors'
import type { PaperInput, PaperLinks } from '../model/types'
import { finishPapers, type DraftResult } from './finish-papers'
import { collapseWhitespace, skippedItem, withoutBom, type ImportResult } from './import-result'
import { decodeLatexEscapes } from './latex'

/** Elements that may repeat, so that one author or one entry still comes back as a list. */
const REPEATED = new Set(['entry', 'author', 'link', 'category'])

type Node = Record<string, unknown>

/**
 * Reads an Atom feed into papers with source `atom`.
 *
 * Mapping per entry: `id` (`http://arxiv.org/abs/2401.12345v2`) gives `arxivId` without version;
 * `title` and `summary` (the abstract) have their line wrapping collapsed and LaTeX escapes
 * decoded as in the trending importer; `author/name` gives the authors in order; `published`
 * gives `published` (`updated` when there is no `published`); `link rel="alternate"` the
 * abstract link and `link title="pdf"` the PDF link (arXiv's own URLs when the id is known and a
 * link is missing); `arxiv:doi` the DOI. `arxiv:primary_category` and the `updated` date are read
 * by nothing: a paper has no field for them.
 *
 * Skipped with a reason: the error entries arXiv sends for a bad query (title `Error`, id under
 * `/api/errors`), and entries with neither a title nor an arXiv id.
 *
 * Throws {@link ValidationError} when the text is not well-formed XML or its root is not an Atom
 * `feed` (or a single `entry`): the user gave the wrong file, and nothing in it can be imported.
 */
export function importArxivAtom(input: string): ImportResult {
  // Pasted text often starts with a blank line or a BOM, before which XML allows nothing.
  const document = parseXml(withoutBom(input).trimStart())
  const root = isNode(document['feed']) ? document['feed'] : undefined
  const entries = root ? nodes(root['entry']) : nodes(document['entry'])
  if (!root && entries.length === 0) {
    const name = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing'
    throw new ValidationError('text', `This XML is not an Atom feed: its root element is <${name}>`)
  }

  const result: DraftResult = { papers: [], skipped: [] }
  entries.forEach((entry, index) => {
    const at = `entry ${index + 1}`
    const id = textOf(entry['id'])
    const title = textOf(entry['title'])
    const summary = textOf(entry['summary'])
    if (title === 'Error' || id.includes('/api/errors')) {
      result.skipped.push(
        skippedItem(at, id || title, `arXiv API error: ${summary || 'no details'}`),
      )
      return
    }
    const arxivId = arxivIdFromEntryId(id)
    if (!title && !arxivId) {
      result.skipped.push(skippedItem(at, id || summary, 'no title and no arXiv id'))
      return
    }
    result.papers.push({ at, paper: paper(entry, title, summary, arxivId) })
  })
  return finishPapers(result)
}

/**
 * The parsed document. The validator passes some text the parser then refuses (a broken
 * processing instruction such as `<?xml"?>`, elements nested deeper than the parser allows),
 * and either may throw its own errors: every failure is a ValidationError on the text.
 */
function parseXml(text: string): Node {
  let valid: ReturnType<typeof XMLValidator.validate>
  try {
    valid = XMLValidator.validate(text)
  } catch (error) {
    throw unreadable(error)
  }
  if (valid !== true) {
    const { msg, line, col } = valid.err
    throw new ValidationError(
      'text',
      `This is not well-formed XML (line ${line}, column ${col}): ${msg}`,
    )
  }
  try {
    return new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      isArray: (name) => REPEATED.has(name),
    }).parse(text) as Node
  } catch (error) {
    throw unreadable(error)
  }
}

function unreadable(error: unknown): ValidationError {
  const detail = error instanceof Error ? error.message : String(error)
  return new ValidationError('text', `This XML cannot be read: ${detail}`)
}

function paper(
  entry: Node,
  title: string,
  summary: string,
  arxivId: string | undefined,
): PaperInput {
  const links = nodes(entry['link'])
  const alternate = links.find((link) => link['@_rel'] === 'alternate')
  const pdf = links.find(
    (link) => link['@_title'] === 'pdf' || link['@_type'] === 'application/pdf',
  )
  const paperLinks: PaperLinks = {}
  const abstractLink = attribute(alternate, 'href') ?? (arxivId && arxivAbsUrl(arxivId))
  if (abstractLink) paperLinks.abstract = abstractLink
  const pdfLink = attribute(pdf, 'href') ?? (arxivId && arxivPdfUrl(arxivId))
  if (pdfLink) paperLinks.pdf = pdfLink
  const paper: PaperInput = {
    authors: nodes(entry['author'])
      .map((author) => textOf(author['name']))
      .filter((name) => name !== ''),
    abstract: decodeLatexEscapes(summary),
    links: paperLinks,
    source: 'atom',
  }
  if (title) paper.title = decodeLatexEscapes(title)
  if (arxivId) paper.arxivId = arxivId
  const published = textOf(entry['published']) || textOf(entry['updated'])
  if (published) paper.published = published
  const doi = textOf(entry['doi'])
  if (doi) paper.doi = doi
  return paper
}

/** `http://arxiv.org/abs/2401.12345v2` or `.../abs/hep-th/9901001v1` to the versionless id. */
function arxivIdFromEntryId(id: string): string | undefined {
  const path = /arxiv\.org\/abs\/(.+)$/i.exec(id)?.[1]
  return path === undefined ? undefined : normalizeArxivId(path)
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function nodes(value: unknown): Node[] {
  return (Array.isArray(value) ? value : [value]).filter(isNode)
}

/** An element's text, whether the parser gave it as a string or, with attributes, an object. */
function textOf(value: unknown): string {
  const text = isNode(value) ? value['#text'] : value
  return typeof text === 'string' || typeof text === 'number'
    ? collapseWhitespace(String(text))
    : ''
}

function attribute(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`]
  return typeof value === 'string' && value !== '' ? value : undefined
}
