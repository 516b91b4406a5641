import { MAX_PDF_NAME, attachPdf, getPaper, type PaperPdf } from '../../shared/model'
import type { GroupView } from './create-group-view'
import { PdfRequestError, fetchArxivPdf, uploadPdf, type StoredPdfAnswer } from './pdf-api'

/** The largest file the server takes by default (its `--max-pdf-bytes`). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

/** What attaching gave: the paper's PDF, or why not in words for the member. */
export type AttachOutcome = { pdf: PaperPdf; problem?: undefined } | { problem: string }

const MB = 1024 * 1024

/**
 * Why `file` cannot be attached as a PDF, checked on the device before anything is sent, or
 * undefined when it looks like one: not empty, within the server's limit, starting with `%PDF-`.
 */
export async function pdfFileProblem(file: File): Promise<string | undefined> {
  const name = file.name ? `“${file.name}”` : 'This file'
  if (file.size === 0) return `${name} is empty.`
  if (file.size > MAX_UPLOAD_BYTES) {
    return `${name} is ${(file.size / MB).toFixed(1)} MB; PDFs of up to ${MAX_UPLOAD_BYTES / MB} MB can be attached.`
  }
  let head: string
  try {
    head = new TextDecoder('latin1').decode(await file.slice(0, 5).arrayBuffer())
  } catch {
    return `${name} could not be read.`
  }
  if (head !== '%PDF-') return `${name} is not a PDF file.`
  return undefined
}

/** A file name the model keeps: no control characters, at most MAX_PDF_NAME characters. */
function cleanName(name: string): string | undefined {
  const clean = Array.from(name, (char) => {
    const code = char.charCodeAt(0)
    return code < 32 || (code >= 127 && code <= 159) ? ' ' : char
  })
    .join('')
    .trim()
    .slice(0, MAX_PDF_NAME)
  return clean === '' ? undefined : clean
}

function record(
  view: GroupView,
  paperId: string,
  write: () => PaperPdf | undefined,
): AttachOutcome {
  const pdf = write()
  if (pdf) return { pdf }
  const problem = view.actions.problem() ?? `The PDF could not be attached to ${paperId}.`
  view.actions.dismiss()
  return { problem }
}

async function stored(ask: () => Promise<StoredPdfAnswer>): Promise<StoredPdfAnswer | string> {
  try {
    return await ask()
  } catch (error) {
    if (error instanceof PdfRequestError) return error.message
    throw error
  }
}

/** Checks `file`, sends it to the server and records it as the paper's PDF. */
export async function attachPdfFile(
  view: GroupView,
  paperId: string,
  file: File,
): Promise<AttachOutcome> {
  if (!view.canWrite) return { problem: 'This link is read-only: you cannot attach PDFs.' }
  const problem = await pdfFileProblem(file)
  if (problem) return { problem }
  const answer = await stored(() => uploadPdf(view.groupId, file))
  if (typeof answer === 'string') return { problem: answer }
  const name = cleanName(file.name)
  return record(view, paperId, () =>
    view.actions.run((doc, actor) =>
      attachPdf(doc, actor, paperId, { ...answer, source: 'upload', ...(name ? { name } : {}) }),
    ),
  )
}

/** Asks the server to fetch an arXiv paper's PDF, and records it as the paper's PDF. */
export async function attachArxivPdf(view: GroupView, paperId: string): Promise<AttachOutcome> {
  const arxivId = getPaper(view.doc, paperId)?.arxivId
  if (!arxivId) return { problem: 'This paper has no arXiv id to fetch its PDF by.' }
  if (!view.canWrite) return { problem: 'This link is read-only: you cannot fetch PDFs.' }
  const answer = await stored(() => fetchArxivPdf(view.groupId, arxivId))
  if (typeof answer === 'string') return { problem: answer }
  return record(view, paperId, () =>
    view.actions.run((doc, actor) =>
      attachPdf(doc, actor, paperId, { ...answer, source: 'arxiv', arxivId }),
    ),
  )
}
