import {
  For,
  Show,
  createEffect,
  createMemo,
  createSignal,
  onCleanup,
  onMount,
  untrack,
} from 'solid-js'
import type { Comment, Paper } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import type { PaperView } from '../../data/create-paper-view'
import type { ReaderDocument } from '../../data/pdf-reader-document'
import type { PageLayer } from '../../data/pdf-reader-selection'
import { usePaperContext } from '../paper/paper-context'
import type { PanelEntry } from '../paper/AnnotationPanel'
import { PdfPageView, type PageHighlight, type Reveal } from './PdfPageView'
import { ReaderPanel } from './ReaderPanel'
import { ReaderSelection, type SelectionControl } from './ReaderSelection'
import { ReaderToolbar } from './ReaderToolbar'
import { createPageFinder } from './create-page-finder'
import { passageRange } from './passage-boxes'
import { InPdfReader } from './in-pdf-reader'
import { createTargetOpener } from './create-target-opener'
import { createPlacements } from './create-placements'
import { createReaderLayout } from './create-reader-layout'

const MIN_ZOOM = 0.25
const MAX_ZOOM = 4
const STEP = 1.25
const clamp = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom))

/**
 * The PDF's pages one under the other, fit to the width at first, with the group's highlights
 * on them, the reader's tools above and the annotations beside (a sheet on a phone).
 */
export function PdfReader(props: {
  view: GroupView
  data: PaperView
  paper: Paper
  sha256: string
  document: ReaderDocument
  reveal: Reveal | undefined
  onReveal: (reveal: Reveal | undefined) => void
  expanded: boolean
  onExpanded: (expanded: boolean) => void
  onPage: (page: number) => void
  goTo: (go: (page: number) => void) => void
  /** An annotation to open the reader at: selected, shown on its page, its entry focused. */
  target?: string | undefined
  /**
   * The page the member was last on, on whichever device; the reader goes there, also when it
   * arrives a moment after opening, until the member moves about the PDF themselves.
   */
  resume: number | undefined
  /** Called with the page the member is on once they have moved about the PDF themselves. */
  onRead: (page: number) => void
}) {
  const context = usePaperContext()
  const pages = untrack(() => props.document.pages)
  // The pages' texts arrive one by one after the pages show (pdf-page-texts.ts).
  const texts = createMemo(() => props.document.texts.all().map((known) => known?.text.text))
  const widest = Math.max(1, ...pages.map((page) => page.width))
  const elements: HTMLElement[] = []
  let wrap!: HTMLDivElement
  let panel: HTMLElement | undefined
  let selection: SelectionControl | undefined

  const [fit, setFit] = createSignal(true)
  const [zoom, setZoom] = createSignal(1)
  let toolbar!: HTMLDivElement
  // The toolbar sticks below the group's header, and a page scrolled to stops below both.
  const { room, header, tools, current } = createReaderLayout({
    column: () => wrap,
    toolbar: () => toolbar,
    pages: elements,
  })
  // Until the column is measured, fitting shows the pages at their own size.
  const fitted = () => (room() > 0 ? clamp(room() / widest) : 1)
  const scale = () => (fit() ? fitted() : zoom())
  const setScale = (next: number) => {
    setZoom(clamp(next))
    setFit(false)
  }

  const [layers, setLayers] = createSignal<PageLayer[]>([])
  const onLayer = (page: number, layer: PageLayer | undefined) =>
    setLayers((all) => [...all.filter((other) => other.page !== page), ...(layer ? [layer] : [])])

  const threads = createMemo(() => {
    const byAnnotation = new Map<string, Comment[]>()
    for (const comment of props.data.comments) {
      if (comment.annotationId === undefined) continue
      byAnnotation.set(comment.annotationId, [
        ...(byAnnotation.get(comment.annotationId) ?? []),
        comment,
      ])
    }
    return byAnnotation
  })
  // Only highlights made on the PDF: the abstract's have their own page.
  const placed = createPlacements(
    () => texts(),
    () => props.data.annotations,
  )
  const entries = createMemo<PanelEntry[]>(() =>
    placed()
      .map(({ annotation, at }) => ({
        annotation,
        // A pending highlight is listed on its own page until its page is read.
        placement:
          at.place === 'orphaned'
            ? { place: 'orphaned' as const }
            : { place: 'page' as const, page: at.page },
        comments: threads().get(annotation.id) ?? [],
        order:
          at.place === 'orphaned'
            ? Number.MAX_SAFE_INTEGER
            : at.page * 1e8 + (at.place === 'page' ? at.range.start : 0),
      }))
      .filter((entry) => !entry.annotation.deleted || entry.comments.length > 0)
      .sort((a, b) => a.order - b.order),
  )
  const highlights = createMemo(() => {
    const byPage = new Map<number, PageHighlight[]>()
    for (const { annotation, at } of placed()) {
      if (at.place !== 'page' || annotation.deleted) continue
      const author = context.author(annotation.author).name
      const quote = annotation.target.quote.exact
      const short = quote.length > 80 ? `${quote.slice(0, 80)}…` : quote
      const label = `${author}’s ${annotation.note ? 'note' : 'highlight'}: “${short}”`
      const list = byPage.get(at.page) ?? []
      list.push({ id: annotation.id, colour: annotation.colour, ...at.range, label })
      byPage.set(at.page, list)
    }
    return byPage
  })
  // A highlight opened from the panel is on some page: that page is where to reveal it.
  const revealOn = (page: number) => {
    const reveal = props.reveal
    if (!reveal) return undefined
    if (reveal.id === 'found') return found()?.page === page ? reveal : undefined
    return highlights()
      .get(page)
      ?.some((highlight) => highlight.id === reveal.id)
      ? reveal
      : undefined
  }
  createEffect(() => {
    const reveal = props.reveal
    if (!reveal || reveal.id === 'found') return
    const at = placed().find((entry) => entry.annotation.id === reveal.id)?.at
    if (at === undefined || at.place === 'orphaned') return
    // Bring the page near, so that it is drawn; the page then scrolls to the highlight.
    if (!layers().some((layer) => layer.page === at.page)) {
      elements[at.page - 1]?.scrollIntoView({ block: 'start' })
    }
  })

  // Where on screen a highlight can be seen: below the sticky toolbar, above the open sheet.
  const band = () => {
    const sheet =
      context.narrow() && props.expanded ? panel?.getBoundingClientRect().top : undefined
    return { top: header() + tools() + 8, bottom: Math.min(window.innerHeight, sheet ?? Infinity) }
  }

  createEffect(() => props.onPage(current()))
  const goTo = (page: number) => elements[page - 1]?.scrollIntoView({ block: 'start' })
  onMount(() => props.goTo(goTo))

  // Until the member scrolls, taps, clicks or types, the page is the one they left off at,
  // unless the address names a highlight: that is where they asked to go.
  const [moved, setMoved] = createSignal(false)
  createEffect(() => {
    const page = props.resume
    if (moved() || room() === 0 || page === undefined || page > pages.length) return
    if (props.target !== undefined) return
    untrack(() => current() !== page && goTo(page))
  })
  createEffect(() => moved() && props.onRead(current()))
  // The text of the page asked for, or left off at, is read first.
  const wanted = createMemo(() => {
    const id = props.target
    if (id === undefined) return props.resume
    return props.data.annotations.find((annotation) => annotation.id === id)?.target.page
  })
  createEffect(() => {
    const page = wanted()
    if (page !== undefined) untrack(() => props.document.texts.want([page]))
  })
  const missing = createTargetOpener({
    target: () => props.target,
    entries,
    ready: () => room() > 0,
    loaded: () => props.view.loaded(),
    open(entry) {
      // After this update, so that the sheet is open (and the entry shown) when focused.
      queueMicrotask(() => context.focusInPanel(entry.annotation.id))
      if (entry.placement.place === 'page' && !entry.annotation.deleted) {
        props.onReveal({ id: entry.annotation.id, focus: false })
      }
    },
  })
  onMount(() => {
    const move = () => setMoved(true)
    const events = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const
    for (const event of events) window.addEventListener(event, move, { passive: true })
    onCleanup(() => {
      for (const event of events) window.removeEventListener(event, move)
    })
  })

  const [notice, setNotice] = createSignal<string>()
  const { found, setFound, find } = createPageFinder(
    () => texts(),
    (match) => {
      if (!layers().some((layer) => layer.page === match.page)) goTo(match.page)
      props.onReveal({ id: 'found', focus: false })
    },
  )
  // A found passage is selected too, as on the abstract: the keyboard's way to highlight it.
  createEffect(() => {
    const match = found()
    const layer = match && layers().find((candidate) => candidate.page === match.page)
    const range = layer && passageRange(layer, match.start, match.end)
    if (range && context.view.canWrite) untrack(() => selection?.select(range))
  })

  return (
    <>
      <div
        class="pdf-reader-main"
        style={{
          '--pdf-toolbar-top': `${header()}px`,
          '--pdf-sticky': `${header() + tools() + 8}px`,
        }}
      >
        <ReaderToolbar
          ref={(element) => (toolbar = element)}
          zoom={scale()}
          fit={fit()}
          page={current()}
          count={pages.length}
          onZoomOut={() => setScale(scale() / STEP)}
          onZoomIn={() => setScale(scale() * STEP)}
          onFit={() => setFit(true)}
          onFind={find}
          onWords={() => setFound(undefined)}
          notice={notice()}
        />
        <Show when={missing()}>
          <p class="pdf-target-missing" role="status">
            The annotation this link leads to is not in the group: it may have been deleted.
          </p>
        </Show>
        <div class="pdf-pages" ref={wrap}>
          {/* First in the tab order: right after finding a passage, the keyboard reaches it. */}
          <Show when={props.view.canWrite}>
            <ReaderSelection
              paper={props.paper}
              sha256={props.sha256}
              layers={layers()}
              pageText={(number) => texts()[number - 1]}
              wrap={wrap}
              control={(control) => (selection = control)}
              onNotice={setNotice}
            />
          </Show>
          <For each={pages}>
            {(page) => (
              <PdfPageView
                pdfjs={props.document.pdfjs}
                page={page}
                text={() => props.document.texts.of(page.number)}
                count={pages.length}
                scale={scale()}
                highlights={highlights().get(page.number) ?? []}
                found={found()?.page === page.number ? found() : undefined}
                selectedId={context.selectedId()}
                reveal={revealOn(page.number)}
                band={band}
                onRevealed={() => props.onReveal(undefined)}
                onLayer={(layer) => onLayer(page.number, layer)}
                onActivate={(id) => context.focusInPanel(id)}
                ref={(element) => (elements[page.number - 1] = element)}
              />
            )}
          </For>
        </div>
      </div>
      <InPdfReader.Provider value={true}>
        <ReaderPanel
          ref={(element) => (panel = element)}
          entries={entries()}
          expanded={props.expanded}
          onExpanded={props.onExpanded}
        />
      </InPdfReader.Provider>
    </>
  )
}
