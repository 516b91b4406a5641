import { createSignal } from 'solid-js'
import { render } from '@solidjs/testing-library'
import { vi } from 'vitest'
import { addAnnotation, addPaper, selectorsFor, type Actor } from '../../shared/model'
import { describePdfSelection } from '../../shared/anchoring/pdf-anchor'
import { pdfPageText, type PdfTextContentItem } from '../../shared/anchoring/pdf-page-text'
import type { ReaderDocument, ReaderPage } from '../../client/data/pdf-reader-document'
import type { PageText, PageTexts } from '../../client/data/pdf-page-texts'
import { createPaperView } from '../../client/data/create-paper-view'
import { PaperContext } from '../../client/components/paper/paper-context'
import { PdfReader } from '../../client/components/pdf-reader/PdfReader'
import { createReaderContext } from '../../client/components/pdf-reader/reader-context'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { createTestGroupView, type TestGroupView } from '../helpers/test-group-view'

export const SHA = 'a'.repeat(64)
export const PAGES = [
  ['A reading group meets on Thursdays.', 'This is the first page.'],
  ['The second page begins here.', 'Members keep their notes on the train.'],
]

const lines = (page: string[]): PdfTextContentItem[] => page.map((str) => ({ str, hasEOL: true }))

/**
 * The reader's view of a PDF whose pages are PAGES, without pdf.js: the pages are never drawn
 * here (happy-dom has no canvas), but their texts are what anchoring and finding read. Every
 * page's text is known at once, unless `texts` is given (see `arrivingTexts`).
 */
export function readerDocument(texts: PageTexts = knownTexts()): ReaderDocument {
  const pages: ReaderPage[] = PAGES.map((_, index) => ({
    number: index + 1,
    proxy: { getViewport: () => ({ width: 612, height: 792 }) } as never,
    width: 612,
    height: 792,
  }))
  return { pdfjs: {} as never, pages, texts }
}

function pageText(number: number): PageText {
  const items = lines(PAGES[number - 1]!)
  return { content: { items, styles: {}, lang: null } as never, text: pdfPageText(items) }
}

function knownTexts(): PageTexts {
  const all = PAGES.map((_, index) => pageText(index + 1))
  return { all: () => all, of: (number) => Promise.resolve(all[number - 1]!), want: () => {} }
}

/** Pages' texts that arrive when the test says: `arrive(n)` reads page n. */
export function arrivingTexts(): PageTexts & { arrive(number: number): void; wanted: number[] } {
  const [all, setAll] = createSignal<ReadonlyArray<PageText | undefined>>(
    PAGES.map(() => undefined),
  )
  const wanted: number[] = []
  return {
    all,
    wanted,
    of: () => new Promise(() => undefined),
    want: (numbers) => wanted.push(...numbers),
    arrive: (number) =>
      setAll((known) =>
        known.map((text, index) => (index === number - 1 ? pageText(number) : text)),
      ),
  }
}

/** Highlights `exact` on `page` (1-based) as a member of the group would in the reader. */
export function highlightOnPage(
  doc: ReturnType<typeof groupDoc>,
  actor: Actor,
  paperId: string,
  page: number,
  text: string,
  exact: string,
  note = '',
) {
  const start = text.indexOf(exact)
  const selectors = describePdfSelection(text, { page, start, end: start + exact.length })!
  return addAnnotation(doc, actor, {
    paperId,
    target: { source: paperId, pdf: SHA, ...selectors },
    note,
  })
}

/**
 * A group with a paper whose PDF is PAGES: Ben's note on page 2, Ben's highlight made on another
 * version of the PDF (orphaned here), and Ada's highlight on the abstract.
 */
export function readerDoc() {
  const doc = groupDoc()
  const { paper } = addPaper(doc, ADA, paperInput({ abstract: 'An abstract about trains.' }))
  const texts = PAGES.map((_, index) => pageText(index + 1).text.text)
  const onPage = highlightOnPage(
    doc,
    BEN,
    paper.id,
    2,
    texts[1]!,
    'Members keep their notes on the train.',
    'So true',
  )
  // Made on another version of the PDF: its passage is on no page of this one.
  const orphaned = highlightOnPage(
    doc,
    BEN,
    paper.id,
    1,
    'Only the old version said this sentence.',
    'said this sentence',
  )
  // On the abstract: the paper's page shows it, not the reader.
  const start = paper.abstract.indexOf('trains')
  addAnnotation(doc, ADA, {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(paper.abstract, start, start + 6) },
  })
  return { doc, paper, onPage, orphaned, texts }
}

export interface ReaderOptions {
  /** At phone width, where the panel is a bottom sheet. */
  narrow?: boolean
  /** The pages' texts; all known at once by default. */
  texts?: PageTexts
  target?: string
  resume?: number
}

/**
 * The reader over `readerDoc()`'s group (or `setup`'s). `setTarget` changes the highlight the
 * address names; `goTo` is the reader's own page navigation, `read` what it says was read.
 */
export function renderReader(setup = readerDoc(), options: ReaderOptions = {}) {
  let view!: TestGroupView
  let setTarget!: (id: string | undefined) => void
  const read: number[] = []
  render(() => {
    view = createTestGroupView(setup.doc)
    const data = createPaperView(view, () => setup.paper.id)
    const [target, set] = createSignal(options.target)
    setTarget = set
    const reader = createReaderContext(
      view,
      () => setup.paper.id,
      () => options.narrow ?? false,
    )
    return (
      <PaperContext.Provider value={reader.context}>
        <PdfReader
          view={view}
          data={data}
          paper={data.paper!}
          sha256={SHA}
          document={readerDocument(options.texts)}
          reveal={reader.reveal()}
          onReveal={reader.setReveal}
          expanded={reader.expanded()}
          onExpanded={reader.setExpanded}
          onPage={() => undefined}
          goTo={() => undefined}
          target={target()}
          resume={options.resume}
          onRead={(page) => read.push(page)}
        />
      </PaperContext.Provider>
    )
  })
  return { ...setup, view: () => view, setTarget: (id: string | undefined) => setTarget(id), read }
}

/**
 * Lays the reader's column out as a browser would (happy-dom measures nothing and never calls a
 * ResizeObserver back): `width` CSS pixels wide. Undone by `vi.unstubAllGlobals` and `restore`.
 */
export function measuredColumn(width = 600): { restore: () => void } {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe() {
        queueMicrotask(() => this.callback([], this as unknown as ResizeObserver))
      }
      unobserve() {}
      disconnect() {}
    },
  )
  const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => width,
  })
  return {
    restore: () => {
      if (own) Object.defineProperty(HTMLElement.prototype, 'clientWidth', own)
      else delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth
    },
  }
}
