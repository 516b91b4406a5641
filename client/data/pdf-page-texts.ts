import { createSignal, untrack, type Accessor } from 'solid-js'
import type { TextContent } from 'pdfjs-dist/types/src/display/api'
import { pdfPageText, type PdfPageText } from '../../shared/anchoring/pdf-page-text'

const EMPTY: TextContent = { items: [], styles: {}, lang: null }

/** A page's text as pdf.js gives it, and as annotations count it. */
export interface PageText {
  content: TextContent
  /** The page's text as annotations count it, and where each item starts in it. */
  text: PdfPageText
}

/** The pages' texts, read one page at a time after the pages show. */
export interface PageTexts {
  /** Each page's text (page 1 first) once read, undefined until then. */
  readonly all: Accessor<ReadonlyArray<PageText | undefined>>
  /** Page `number`'s text, read next if it is not yet (a page coming into view). */
  of(number: number): Promise<PageText>
  /** Reads these pages next, in this order (a highlight asked for, the page left off at). */
  want(numbers: readonly number[]): void
}

/**
 * Reads the text of `count` pages with `read`, one at a time: the pages asked for first (those
 * near the view, which need it for their text layer and highlights), then the others in order,
 * so that finding and re-anchoring get every page soon after. `alive` false stops it.
 */
export function createPageTexts(
  count: number,
  read: (number: number) => Promise<TextContent>,
  alive: () => boolean,
): PageTexts {
  const [all, setAll] = createSignal<ReadonlyArray<PageText | undefined>>(
    Array.from({ length: count }, () => undefined),
  )
  const waiting = new Map<number, Array<(text: PageText) => void>>()
  let next = 1
  let urgent: number[] = []
  let running = false

  const pick = (): number | undefined => {
    const known = untrack(all)
    for (let number = urgent.shift(); number !== undefined; number = urgent.shift()) {
      if (known[number - 1] === undefined) return number
    }
    while (next <= count && known[next - 1] !== undefined) next++
    return next <= count ? next : undefined
  }
  const run = async () => {
    if (running) return
    running = true
    for (let number = pick(); number !== undefined && alive(); number = pick()) {
      // A page whose text cannot be read has none: it shows, and nothing anchors on it.
      const content = await read(number).catch((): TextContent => EMPTY)
      if (!alive()) break
      const text = { content, text: pdfPageText(content.items) }
      setAll((known) => known.map((seen, index) => (index === number - 1 ? text : seen)))
      for (const resolve of waiting.get(number) ?? []) resolve(text)
      waiting.delete(number)
    }
    running = false
  }
  const want = (numbers: readonly number[]) => {
    urgent = [...numbers.filter((n) => n >= 1 && n <= count), ...urgent]
    void run()
  }
  void run()

  return {
    all,
    of(number) {
      const known = all()[number - 1]
      if (known) return Promise.resolve(known)
      const promise = new Promise<PageText>((resolve) =>
        waiting.set(number, [...(waiting.get(number) ?? []), resolve]),
      )
      want([number])
      return promise
    },
    want,
  }
}
