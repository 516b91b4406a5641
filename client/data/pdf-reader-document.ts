import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist'
import { PdfRequestError } from './pdf-api'
import { pdfFile } from './pdf-open'
import { createPageTexts, type PageTexts } from './pdf-page-texts'

/**
 * Where the build serves the files pdf.js fetches beside its code (see vite.config.ts): fonts
 * for PDFs that do not embed theirs, CMaps for CJK text, image decoders, colour profiles.
 */
const PDFJS_ASSETS = {
  standardFontDataUrl: '/pdfjs/standard_fonts/',
  cMapUrl: '/pdfjs/cmaps/',
  cMapPacked: true,
  wasmUrl: '/pdfjs/wasm/',
  iccUrl: '/pdfjs/iccs/',
}

/** pdf.js itself, loaded when the reader first opens a PDF. */
export type PdfJs = typeof import('pdfjs-dist')

/** One page of the PDF and its size at scale 1, known when the PDF opens. */
export interface ReaderPage {
  /** 1-based. */
  number: number
  proxy: PDFPageProxy
  width: number
  height: number
}

/**
 * An opened PDF: its pages show at once, and their texts (which anchoring, finding and
 * selecting read) arrive one page at a time, the pages near the view first.
 */
export interface ReaderDocument {
  pdfjs: PdfJs
  pages: ReaderPage[]
  texts: PageTexts
}

/** What opening the PDF came to. */
export type ReaderLoad =
  | { state: 'opening' }
  | { state: 'open'; document: ReaderDocument }
  | { state: 'failed'; problem: string }

async function loadPdfJs(): Promise<PdfJs> {
  // The worker is a file of the build, served from this origin, so the CSP's 'self' allows it
  // and the service worker precaches it for offline reading.
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
  ])
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default
  return pdfjs
}

async function readPages(pdf: PDFDocumentProxy): Promise<ReaderPage[]> {
  const pages: ReaderPage[] = []
  for (let number = 1; number <= pdf.numPages; number++) {
    const proxy = await pdf.getPage(number)
    const { width, height } = proxy.getViewport({ scale: 1 })
    pages.push({ number, proxy, width, height })
  }
  return pages
}

function problemOf(error: unknown): string {
  if (error instanceof PdfRequestError) {
    return error.status === 0
      ? 'This PDF is not kept on this device, and there is no connection to download it.'
      : error.message
  }
  return 'The PDF could not be opened: the file may be damaged.'
}

/**
 * Opens the group's PDF named `sha256` for reading: the copy kept on this device, else the
 * server's. pdf.js loads with it, never with the first screen. Ends with the calling owner,
 * freeing the document.
 */
export function createReaderDocument(groupId: string, sha256: string): Accessor<ReaderLoad> {
  const [load, setLoad] = createSignal<ReaderLoad>({ state: 'opening' })
  let pdf: PDFDocumentProxy | undefined
  let alive = true
  void (async () => {
    try {
      const [pdfjs, file] = await Promise.all([loadPdfJs(), pdfFile(groupId, sha256)])
      const data = new Uint8Array(await file.arrayBuffer())
      pdf = await pdfjs.getDocument({
        data,
        isEvalSupported: false,
        ...PDFJS_ASSETS,
      }).promise
      if (!alive) return void pdf.destroy()
      const pages = await readPages(pdf)
      if (!alive) return
      const texts = createPageTexts(
        pages.length,
        async (number) => {
          const page = pages[number - 1]
          if (!page) throw new RangeError(`No page ${number}`)
          return page.proxy.getTextContent()
        },
        () => alive,
      )
      setLoad({ state: 'open', document: { pdfjs, pages, texts } })
    } catch (error) {
      if (alive) setLoad({ state: 'failed', problem: problemOf(error) })
    }
  })()
  onCleanup(() => {
    alive = false
    void pdf?.destroy()
  })
  return load
}
