/**
 * The text of one PDF page, as annotations on the page count offsets in it. Describing a
 * selection and anchoring a stored highlight both read the page through `pdfPageText`, so their
 * offsets agree; the reader maps its text layer (one span per item) through `starts`.
 */

/** A text item as pdf.js `getTextContent()` gives it. */
export interface PdfTextItem {
  str: string
  /** The item ends a line. */
  hasEOL?: boolean
}

/** What `getTextContent().items` holds: text items and marked-content markers (no `str`). */
export type PdfTextContentItem = PdfTextItem | { type: string }

/** A page's text and where each item's `str` starts in it (-1 for a marker). */
export interface PdfPageText {
  text: string
  starts: number[]
}

/**
 * The page's text: each item's `str` in order, and a newline after an item that ends a line.
 * Characters a highlight may not store (control characters, half a surrogate pair: see
 * `rawText` in shared/model/validate.ts) read as a space or U+FFFD, one unit for one, so that
 * every offset still falls where it did in its item.
 */
export function pdfPageText(items: readonly PdfTextContentItem[]): PdfPageText {
  let text = ''
  const starts: number[] = []
  for (const item of items) {
    if (!('str' in item) || typeof item.str !== 'string') {
      starts.push(-1)
      continue
    }
    starts.push(text.length)
    text += storable(item.str)
    if (item.hasEOL) text += '\n'
  }
  return { text, starts }
}

function storable(str: string): string {
  let out = ''
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = str.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += str.slice(i, i + 2)
        i++
      } else out += '\ufffd'
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\ufffd'
    else if ((c < 32 && c !== 9 && c !== 10) || (c >= 127 && c <= 159)) out += ' '
    else out += str[i]
  }
  return out
}
