/**
 * The type check of a stored PDF: its bytes must start with the PDF header and end with the
 * end-of-file marker. It refuses what a failing upstream or a wrong file picker sends (an HTML
 * error page, an image, half a download) without parsing the PDF, which is the reader's job.
 */

const HEADER = '%PDF-'
const END_MARKER = '%%EOF'

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

/**
 * Why bytes whose first and last (up to 1 KiB each) are `head` and `tail` are not a PDF, in
 * words for the member; undefined when they look like one.
 */
export function pdfProblem(head: Uint8Array, tail: Uint8Array): string | undefined {
  const start = ascii(head)
  if (!start.startsWith(HEADER)) {
    if (/^\s*</.test(start)) return 'This is a web page (HTML), not a PDF'
    return 'This is not a PDF: a PDF file starts with %PDF-'
  }
  if (!ascii(tail).includes(END_MARKER)) {
    return 'This PDF is incomplete: its end (%%EOF) is missing'
  }
  return undefined
}
