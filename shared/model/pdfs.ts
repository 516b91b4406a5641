/**
 * Papers' PDFs: which file of the server's blob store (named by its SHA-256) is a paper's PDF,
 * how it came (fetched from arXiv or uploaded) and who attached it. One record per paper and
 * file, keyed `paperId + SEP + sha256`: two members attaching different files at once both keep
 * theirs, and the paper's PDF is the one attached last, the same on every replica. The file
 * itself is never in the document, only its name.
 */
import type * as Y from 'yjs'
import { parseArxivId } from '../arxiv-id'
import { pairKey, roots, splitPairKey } from './keys'
import { ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { paperClasses, sameAs } from './same-paper'
import { asTime } from './time'
import * as v from './validate'
import type { Actor } from './types'

/** How a PDF came to the group. */
export type PdfSource = 'arxiv' | 'upload'

/** The sources a PDF record may name. */
export const PDF_SOURCES: readonly PdfSource[] = ['arxiv', 'upload']

/**
 * The largest size a PDF record may state, in bytes. The server's own limit is lower (50 MiB by
 * default, configurable); this bound only keeps nonsense out of the document.
 */
export const MAX_PDF_SIZE = 2 ** 31

/** Longest file name kept for an uploaded PDF, in UTF-16 code units. */
export const MAX_PDF_NAME = 255

/** A paper's PDF as the group knows it. */
export interface PaperPdf {
  /** The paper's canonical id (see same-paper.ts). */
  paperId: string
  /** The file's SHA-256, 64 lowercase hex digits: its name on the server. */
  sha256: string
  /** In bytes. */
  size: number
  source: PdfSource
  /** The uploaded file's name, for uploads that had one. */
  name?: string
  /** The arXiv id the server fetched, as asked (with a version when one was asked for). */
  arxivId?: string
  addedBy: string
  addedAt: number
}

/** What `attachPdf` takes: the server's answer about the stored file, and how it came. */
export interface PdfInput {
  sha256: string
  size: number
  source: PdfSource
  /** Only for uploads. */
  name?: string
  /** Required for `arxiv`, refused for uploads. */
  arxivId?: string
}

type StoredPdf = Omit<PaperPdf, 'paperId' | 'sha256'>

/** A stored value as a PDF record, or undefined when it has the wrong shape. */
function asPdf(value: unknown): StoredPdf | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { size, source, name, arxivId, addedBy, addedAt } = value as Record<string, unknown>
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PDF_SIZE) {
    return undefined
  }
  if (!PDF_SOURCES.includes(source as PdfSource) || typeof addedBy !== 'string') return undefined
  const pdf: StoredPdf = {
    size,
    source: source as PdfSource,
    addedBy,
    addedAt: asTime(addedAt) ?? 0,
  }
  if (typeof name === 'string' && name.length <= MAX_PDF_NAME) pdf.name = name
  if (typeof arxivId === 'string' && parseArxivId(arxivId)) pdf.arxivId = arxivId
  return pdf
}

/** Of two PDFs of a paper, the one that counts: the later, then the greater hash. */
function later(a: PaperPdf, b: PaperPdf): PaperPdf {
  if (a.addedAt !== b.addedAt) return a.addedAt > b.addedAt ? a : b
  return a.sha256 > b.sha256 ? a : b
}

/**
 * Every PDF attached to any record of a paper, each file once (its latest attachment), newest
 * first. `paperId` in each is the canonical id.
 */
export function pdfsOf(doc: Y.Doc, paperId: string): PaperPdf[] {
  const ids = new Set(sameAs(doc, paperId))
  const canonical = paperClasses(doc).canonical.get(paperId) ?? paperId
  const found = new Map<string, PaperPdf>()
  roots(doc).pdfs.forEach((value, key) => {
    const parts = splitPairKey(key)
    if (!parts || !ids.has(parts[0]) || !v.isSha256(parts[1])) return
    const stored = asPdf(value)
    if (!stored) return
    const pdf = { paperId: canonical, sha256: parts[1], ...stored }
    const seen = found.get(pdf.sha256)
    found.set(pdf.sha256, seen ? later(seen, pdf) : pdf)
  })
  return [...found.values()].sort((a, b) => (later(a, b) === a ? -1 : 1))
}

/** A paper's PDF: the file attached last to any record of it, or undefined. */
export function pdfOf(doc: Y.Doc, paperId: string): PaperPdf | undefined {
  return pdfsOf(doc, paperId)[0]
}

/** Every paper's PDF, by canonical paper id (papers without one are absent). */
export function listPdfs(doc: Y.Doc): Map<string, PaperPdf> {
  const { canonical } = paperClasses(doc)
  const found = new Map<string, PaperPdf>()
  roots(doc).pdfs.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paperId = parts && canonical.get(parts[0])
    if (!parts || paperId === undefined || !v.isSha256(parts[1])) return
    const stored = asPdf(value)
    if (!stored) return
    const pdf = { paperId, sha256: parts[1], ...stored }
    const seen = found.get(paperId)
    found.set(paperId, seen ? later(seen, pdf) : pdf)
  })
  return found
}

/**
 * Records that a file of the server's blob store is a paper's PDF, as the acting member, now:
 * it becomes the paper's PDF (the one attached last). Attaching the file that already is the
 * paper's PDF changes nothing. Throws a ValidationError (and writes nothing) for a hash that is
 * not a SHA-256, a size that is not a whole number of bytes from 1 to MAX_PDF_SIZE, an unknown
 * source, a file name on an arXiv PDF or an arXiv id on an upload, a missing or malformed arXiv
 * id; NotFoundError for an unknown paper.
 */
export function attachPdf(doc: Y.Doc, actor: Actor, paperId: string, input: PdfInput): PaperPdf {
  const by = writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const fields = v.record('pdf', input)
  const sha256 = v.sha256('sha256', fields.sha256)
  const size = v.integer('size', fields.size, 1, MAX_PDF_SIZE)
  const source = fields.source
  if (!PDF_SOURCES.includes(source as PdfSource)) {
    throw new ValidationError('source', `source must be one of ${PDF_SOURCES.join(', ')}`)
  }
  const stored: StoredPdf = {
    size,
    source: source as PdfSource,
    addedBy: by.memberId,
    addedAt: by.now,
  }
  if (source === 'upload') {
    if (fields.arxivId !== undefined) {
      throw new ValidationError('arxivId', 'an uploaded PDF has no arXiv id')
    }
    const name = v.optionalText('name', fields.name, { max: MAX_PDF_NAME })
    if (name !== undefined) stored.name = name
  } else {
    if (fields.name !== undefined) {
      throw new ValidationError('name', 'a PDF fetched from arXiv has no file name')
    }
    const arxivId = typeof fields.arxivId === 'string' ? parseArxivId(fields.arxivId) : undefined
    if (!arxivId) throw new ValidationError('arxivId', 'arxivId must be an arXiv id')
    stored.arxivId = arxivId.version ? `${arxivId.id}v${arxivId.version}` : arxivId.id
  }
  const current = pdfOf(doc, paper.id)
  if (current?.sha256 === sha256) return current
  doc.transact(() => roots(doc).pdfs.set(pairKey(paper.id, sha256), stored))
  return { paperId: paper.id, sha256, ...stored }
}
