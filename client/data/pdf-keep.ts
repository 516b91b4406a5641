import { getPaper, pdfOf } from '../../shared/model'
import type { GroupView } from './create-group-view'
import { PdfRequestError, downloadPdf } from './pdf-api'
import { attachArxivPdf } from './pdf-attach'
import { askToPersistOnce } from './pdf-device'
import { keepPdfFile, keptPdfFile } from './pdf-store'

/** What keeping one paper's PDF on the device came to. */
export interface KeepResult {
  paperId: string
  title: string
  /** Bytes kept; undefined when it could not be kept. */
  size?: number
  /** Why it could not be kept, in words for the member. */
  problem?: string
}

function problemOf(error: unknown): string {
  if (error instanceof PdfRequestError) return error.message
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return 'This device has no room left for it: free some space in Storage.'
  }
  return 'This browser did not let Margins keep it on this device.'
}

/**
 * Keeps a paper's PDF on this device so that it opens with no network. A paper without a PDF
 * gets the one arXiv has first, when it has an arXiv id and the link may add PDFs.
 */
export async function keepPaperOffline(view: GroupView, paperId: string): Promise<KeepResult> {
  const paper = getPaper(view.doc, paperId)
  if (!paper) return { paperId, title: paperId, problem: 'The paper is not in the group.' }
  const result = { paperId: paper.id, title: paper.title }
  let pdf = pdfOf(view.doc, paper.id)
  if (!pdf && paper.arxivId && view.canWrite) {
    const attached = await attachArxivPdf(view, paper.id)
    if (attached.problem !== undefined) {
      return { ...result, problem: `The PDF could not be fetched from arXiv. ${attached.problem}` }
    }
    pdf = attached.pdf
  }
  if (!pdf) {
    const problem = paper.arxivId
      ? 'No PDF yet, and a read-only link cannot fetch one from arXiv.'
      : 'No PDF yet; attach one on the paper’s page.'
    return { ...result, problem }
  }
  try {
    const file = (await keptPdfFile(pdf.sha256)) ?? (await downloadPdf(view.groupId, pdf.sha256))
    await keepPdfFile(pdf.sha256, file, { groupId: view.groupId, ...result })
    void askToPersistOnce()
    return { ...result, size: file.size }
  } catch (error) {
    return { ...result, problem: problemOf(error) }
  }
}

/**
 * Keeps the PDFs of several papers, one after the other (the server fetches from arXiv one at a
 * time anyway), telling `onProgress` after each. Never rejects: each paper has its result.
 */
export async function keepPapersOffline(
  view: GroupView,
  paperIds: readonly string[],
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<KeepResult[]> {
  const results: KeepResult[] = []
  const ids = [...new Set(paperIds)]
  for (const paperId of ids) {
    results.push(await keepPaperOffline(view, paperId))
    onProgress(results.length, ids.length)
  }
  return results
}
