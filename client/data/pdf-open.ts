import { PdfRequestError, downloadPdf } from './pdf-api'
import { keptPdfFile } from './pdf-store'

/** How long an opened PDF's address stays usable by the tab showing it. */
const KEEP_URL_MS = 10 * 60_000

/** A PDF of the group: the copy kept on this device, else downloaded from the server. */
export async function pdfFile(groupId: string, sha256: string): Promise<Blob> {
  const kept = await keptPdfFile(sha256).catch(() => undefined)
  return kept ?? downloadPdf(groupId, sha256)
}

/**
 * Opens a PDF of the group in a new tab, from the copy kept on this device when there is one
 * (so it opens with no network). Call it from the click itself: the tab is opened at once,
 * before the file is read, so that popup blockers let it through. Returns why it could not open.
 */
export async function openPdfInTab(groupId: string, sha256: string): Promise<string | undefined> {
  const tab = window.open('', '_blank')
  try {
    const url = URL.createObjectURL(await pdfFile(groupId, sha256))
    if (tab) {
      tab.opener = null
      tab.location.href = url
    } else window.location.assign(url)
    setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS)
    return undefined
  } catch (error) {
    tab?.close()
    if (error instanceof PdfRequestError) {
      return error.status === 0
        ? 'This PDF is not kept on this device, and there is no connection to download it.'
        : error.message
    }
    return 'The PDF could not be opened.'
  }
}
