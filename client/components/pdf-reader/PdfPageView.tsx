import { For, Show, createEffect, createMemo, createSignal, onCleanup, onMount } from 'solid-js'
import type { RenderTask } from 'pdfjs-dist'
import type { PdfJs, ReaderPage } from '../../data/pdf-reader-document'
import type { PageText } from '../../data/pdf-page-texts'
import { highlightAt, layerSpans, type Box, type PageLayer } from '../../data/pdf-reader-selection'
import { highlightBackground, safeColour } from '../paper/highlight-colours'
import { passageBoxes } from './passage-boxes'

/** A highlight placed on this page. */
export interface PageHighlight {
  id: string
  colour: string
  start: number
  end: number
  /** What a screen reader hears on it: who made it and its words. */
  label: string
}

/** What to bring into view on a page. */
export interface Reveal {
  id: string
  focus: boolean
}

/** Canvases no sharper than twice the CSS pixels: enough on phones, and memory stays bounded. */
const MAX_PIXEL_RATIO = 2

/**
 * One page of the PDF, drawn on a canvas with pdf.js's text layer over it (selectable text) once
 * it comes near the screen, and again at each zoom. Highlights are boxes measured from the text
 * layer; a click on the page opens the highlight under it.
 */
export function PdfPageView(props: {
  pdfjs: PdfJs
  page: ReaderPage
  /** The page's text, read first when the page is drawn before the reader has read it. */
  text: () => Promise<PageText>
  count: number
  scale: number
  highlights: readonly PageHighlight[]
  found: { start: number; end: number } | undefined
  selectedId: string | undefined
  /** An annotation (or 'found') to scroll to once drawn on this page, and whether to focus it. */
  reveal: Reveal | undefined
  /** The part of the window (from its top, in CSS pixels) where a revealed passage can be seen. */
  band: () => { top: number; bottom: number }
  onRevealed: () => void
  onLayer: (layer: PageLayer | undefined) => void
  onActivate: (annotationId: string) => void
  ref: (element: HTMLElement) => void
}) {
  let element!: HTMLDivElement
  let canvas!: HTMLCanvasElement
  let textLayer!: HTMLDivElement
  const [near, setNear] = createSignal(false)
  const [layer, setLayer] = createSignal<PageLayer>()
  const [problem, setProblem] = createSignal(false)
  let drawing: RenderTask | undefined
  let drawn = 0
  let round = 0

  const draw = async (scale: number) => {
    const mine = ++round
    drawing?.cancel()
    drawn = scale
    setLayer(undefined)
    props.onLayer(undefined)
    const viewport = props.page.proxy.getViewport({ scale })
    const ratio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO)
    canvas.width = Math.floor(viewport.width * ratio)
    canvas.height = Math.floor(viewport.height * ratio)
    const context = canvas.getContext('2d')
    if (!context) return setProblem(true)
    try {
      drawing = props.page.proxy.render({
        canvas,
        canvasContext: context,
        viewport,
        ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }),
      })
      await drawing.promise
      if (mine !== round) return
      const { content, text: pageText } = await props.text()
      if (mine !== round) return
      textLayer.replaceChildren()
      const text = new props.pdfjs.TextLayer({
        textContentSource: content,
        container: textLayer,
        viewport,
      })
      await text.render()
      if (mine !== round) return
      const spans = layerSpans(text.textDivs, content.items, pageText.starts)
      const ready = { page: props.page.number, root: textLayer, spans, text: pageText.text }
      setProblem(false)
      setLayer(ready)
      props.onLayer(ready)
    } catch (error) {
      // A zoom or leaving the reader cancels a drawing under way: not a problem.
      if (mine === round && !(error instanceof props.pdfjs.RenderingCancelledException)) {
        setProblem(true)
      }
    }
  }

  onMount(() => {
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1]
        if (entry) setNear(entry.isIntersecting)
      },
      { rootMargin: '150% 0px' },
    )
    observer.observe(element)
    onCleanup(() => observer.disconnect())
  })
  createEffect(() => {
    const scale = props.scale
    if (near() && scale !== drawn) void draw(scale)
    // Far from the screen, the canvas gives its memory back (a long paper on a phone); the
    // text layer stays, for selections and highlights, until the page is drawn again.
    if (!near() && drawn !== 0) {
      round++
      drawing?.cancel()
      drawn = 0
      canvas.width = 0
      canvas.height = 0
    }
  })
  onCleanup(() => {
    round++
    drawing?.cancel()
    props.onLayer(undefined)
  })

  const marks = createMemo(() => {
    const ready = layer()
    if (!ready) return []
    return props.highlights.map((highlight) => ({
      ...highlight,
      boxes: passageBoxes(ready, element, highlight.start, highlight.end),
    }))
  })
  const foundBoxes = createMemo(() => {
    const ready = layer()
    const found = props.found
    return ready && found ? passageBoxes(ready, element, found.start, found.end) : []
  })

  createEffect(() => {
    const reveal = props.reveal
    if (reveal === undefined) return
    const boxes =
      reveal.id === 'found' ? foundBoxes() : marks().find((mark) => mark.id === reveal.id)?.boxes
    const first = boxes?.[0]
    if (!first) return
    const onScreen = element.getBoundingClientRect().top + first.top
    const { top, bottom } = props.band()
    // Scrolled to only when out of sight (under the toolbar, or the open sheet on a phone), so
    // that nothing jumps; then a third of the way down what can be seen.
    if (onScreen < top || onScreen + first.height > bottom) {
      const to = top + Math.max(0, bottom - top - first.height) / 3
      window.scrollTo({ top: Math.max(0, window.scrollY + onScreen - to) })
    }
    if (reveal.focus) {
      element
        .querySelector<HTMLElement>(`button[data-annotation="${CSS.escape(reveal.id)}"]`)
        ?.focus({ preventScroll: true })
    }
    props.onRevealed()
  })

  const onClick = (event: MouseEvent) => {
    const selection = document.getSelection()
    if (selection && !selection.isCollapsed) return
    const box = element.getBoundingClientRect()
    const id = highlightAt(marks(), event.clientX - box.left, event.clientY - box.top)
    if (id) props.onActivate(id)
  }

  return (
    <div
      ref={(el) => {
        element = el
        props.ref(el)
      }}
      class="pdf-page"
      role="group"
      aria-label={`Page ${props.page.number} of ${props.count}`}
      data-page={props.page.number}
      style={{
        width: `${Math.floor(props.page.width * props.scale)}px`,
        height: `${Math.floor(props.page.height * props.scale)}px`,
        '--total-scale-factor': String(props.scale),
      }}
      onClick={onClick}
    >
      <canvas ref={canvas} class="pdf-canvas" aria-hidden="true" />
      <div ref={textLayer} class="textLayer" />
      <div class="pdf-marks">
        <For each={marks()}>
          {(mark) => (
            <For each={mark.boxes}>
              {(box, index) => (
                <Mark
                  box={box}
                  colour={mark.colour}
                  selected={mark.id === props.selectedId}
                  first={index() === 0}
                  id={mark.id}
                  label={mark.label}
                  onActivate={props.onActivate}
                />
              )}
            </For>
          )}
        </For>
        <For each={foundBoxes()}>
          {(box) => <span class="pdf-found" aria-hidden="true" style={boxStyle(box)} />}
        </For>
      </div>
      <Show when={problem()}>
        <p class="pdf-page-problem">This page could not be drawn.</p>
      </Show>
    </div>
  )
}

function boxStyle(box: Box) {
  return {
    left: `${box.left}px`,
    top: `${box.top}px`,
    width: `${box.width}px`,
    height: `${box.height}px`,
  }
}

/**
 * A box of a highlight. The first one of each highlight is a button, which the keyboard reaches
 * and a screen reader names; the pointer goes through all of them to the text, so that text
 * under a highlight can still be selected (the page's click opens the highlight).
 */
function Mark(props: {
  box: Box
  colour: string
  selected: boolean
  first: boolean
  id: string
  label: string
  onActivate: (annotationId: string) => void
}) {
  const style = () => ({
    ...boxStyle(props.box),
    'background-color': highlightBackground(props.colour, 1),
    'border-bottom-color': safeColour(props.colour),
  })
  return (
    <Show
      when={props.first}
      fallback={
        <span
          class="pdf-mark"
          classList={{ 'is-selected': props.selected }}
          aria-hidden="true"
          style={style()}
        />
      }
    >
      <button
        type="button"
        class="pdf-mark"
        classList={{ 'is-selected': props.selected }}
        data-annotation={props.id}
        aria-label={props.label}
        style={style()}
        onClick={(event) => {
          event.stopPropagation()
          props.onActivate(props.id)
        }}
      />
    </Show>
  )
}
