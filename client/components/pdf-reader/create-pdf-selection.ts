import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js'
import {
  selectionOnPages,
  type LayerSelection,
  type PageLayer,
} from '../../data/pdf-reader-selection'

/** A passage selected on a page of the PDF, and where it is on screen. */
export interface PageSelection extends LayerSelection {
  /** The selection's box in document coordinates, which scrolling the window does not move. */
  rect: { top: number; bottom: number; left: number; right: number }
}

/**
 * The passage the member has selected in the pages' text layers, followed as on the abstract
 * (see create-text-selection.ts): on mouseup and keyup, and on `selectionchange`, which is all
 * that phones send while a finger drags the handles; a mouse drag is read once released.
 */
export function createPdfSelection(layers: Accessor<readonly PageLayer[]>): {
  selection: Accessor<PageSelection | undefined>
  select(range: Range): void
  clear(): void
} {
  const [selection, setSelection] = createSignal<PageSelection | undefined>(undefined, {
    // The box counts too: the same passage drawn again at another zoom is elsewhere.
    equals: (a, b) =>
      a?.page === b?.page &&
      a?.start === b?.start &&
      a?.end === b?.end &&
      a?.runsOnto === b?.runsOnto &&
      a?.rect.top === b?.rect.top &&
      a?.rect.left === b?.rect.left,
  })
  let dragging = false

  const read = () => {
    const current = document.getSelection()
    if (!current || current.rangeCount === 0 || current.isCollapsed) return setSelection(undefined)
    const range = current.getRangeAt(0)
    const found = selectionOnPages(layers(), range)
    if (!found) return setSelection(undefined)
    const box = range.getBoundingClientRect()
    const [x, y] = [window.scrollX, window.scrollY]
    setSelection({
      ...found,
      rect: { top: box.top + y, bottom: box.bottom + y, left: box.left + x, right: box.right + x },
    })
  }
  const onSelectionChange = () => {
    if (!dragging) read()
  }
  const onPointerDown = (event: PointerEvent) => {
    const inPage = layers().some((layer) => layer.root.contains(event.target as Node))
    if (event.pointerType === 'mouse' && inPage) dragging = true
  }
  const onPointerUp = () => {
    if (!dragging) return
    dragging = false
    read()
  }
  const events: Array<[string, EventListener]> = [
    ['selectionchange', onSelectionChange],
    ['pointerdown', onPointerDown as EventListener],
    ['pointerup', onPointerUp],
    ['mouseup', read],
    ['keyup', read],
  ]
  onMount(() => events.forEach(([name, listener]) => document.addEventListener(name, listener)))
  onCleanup(() =>
    events.forEach(([name, listener]) => document.removeEventListener(name, listener)),
  )

  return {
    selection,
    select(range) {
      const current = document.getSelection()
      current?.removeAllRanges()
      current?.addRange(range)
      read()
    },
    clear() {
      const current = document.getSelection()
      if (current && current.rangeCount > 0) {
        const range = current.getRangeAt(0)
        if (layers().some((layer) => range.intersectsNode(layer.root))) current.removeAllRanges()
      }
      setSelection(undefined)
    },
  }
}
