import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js'
import { selectionOffsets } from '../../data/selection-offsets'

/** A passage selected in a text: offsets into it, and where it is on screen. */
export interface TextSelection {
  start: number
  end: number
  /** The selection's box in viewport coordinates. */
  rect: { top: number; bottom: number; left: number; right: number }
}

/**
 * The passage the member has selected inside `root()`, following the selection as it changes:
 * on mouseup and keyup, and on `selectionchange`, which is all that phones send while a finger
 * drags the selection handles. A mouse drag is only read once the button is released.
 */
export function createTextSelection(root: () => HTMLElement | undefined): {
  selection: Accessor<TextSelection | undefined>
  /** Selects `range` on the page, as the member would, and follows it at once. */
  select(range: Range): void
  /** Forgets the selection and removes it from the page. */
  clear(): void
} {
  const [selection, setSelection] = createSignal<TextSelection | undefined>(undefined, {
    equals: (a, b) => a?.start === b?.start && a?.end === b?.end,
  })
  let dragging = false

  const read = () => {
    const element = root()
    const current = document.getSelection()
    if (!element || !current || current.rangeCount === 0 || current.isCollapsed) {
      setSelection(undefined)
      return
    }
    const range = current.getRangeAt(0)
    const offsets = selectionOffsets(element, range)
    if (!offsets) {
      setSelection(undefined)
      return
    }
    const box = range.getBoundingClientRect()
    setSelection({
      ...offsets,
      rect: { top: box.top, bottom: box.bottom, left: box.left, right: box.right },
    })
  }
  const onSelectionChange = () => {
    if (!dragging) read()
  }
  const onPointerDown = (event: PointerEvent) => {
    if (event.pointerType === 'mouse' && root()?.contains(event.target as Node)) dragging = true
  }
  const onPointerUp = () => {
    if (!dragging) return
    dragging = false
    read()
  }

  onMount(() => {
    document.addEventListener('selectionchange', onSelectionChange)
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('pointerup', onPointerUp)
    document.addEventListener('mouseup', read)
    document.addEventListener('keyup', read)
  })
  onCleanup(() => {
    document.removeEventListener('selectionchange', onSelectionChange)
    document.removeEventListener('pointerdown', onPointerDown)
    document.removeEventListener('pointerup', onPointerUp)
    document.removeEventListener('mouseup', read)
    document.removeEventListener('keyup', read)
  })

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
      const element = root()
      if (current && element && current.rangeCount > 0) {
        if (current.getRangeAt(0).intersectsNode(element)) current.removeAllRanges()
      }
      setSelection(undefined)
    },
  }
}
