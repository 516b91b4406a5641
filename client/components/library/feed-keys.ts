import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { leavesShortcutsAlone } from './typing-target'

/** What the feed's keyboard support needs to know about the feed. */
export interface FeedKeysOptions {
  count: () => number
  idAt: (index: number) => string | undefined
  indexOf: (id: string) => number | undefined
  /** The card element at an index, when it is rendered. */
  element: (index: number) => HTMLElement | null | undefined
  /** Brings a card that is not rendered into view, so that it renders. */
  scrollTo: (index: number, align: 'auto' | 'center') => void
  open: (id: string) => void
  /** The paper whose card (or something inside it) has focus, undefined once focus leaves. */
  onFocusChange: (id: string | undefined) => void
}

/** Keyboard navigation of a virtual feed. */
export interface FeedKeys {
  /** The index of the card that Tab reaches (the last one focused, or the first). */
  current: Accessor<number>
  /** Moves focus to a paper's card, scrolling it into view. */
  focus: (id: string, align?: 'auto' | 'center') => void
  onKeyDown: (event: KeyboardEvent) => void
  onFocusIn: (event: FocusEvent) => void
  onFocusOut: (event: FocusEvent) => void
}

const MOVES: Record<string, number> = {
  j: 1,
  ArrowDown: 1,
  PageDown: 1,
  k: -1,
  ArrowUp: -1,
  PageUp: -1,
}
// A card reached by scrolling renders within a frame or two; give up after this many.
const MAX_FRAMES = 30

function cardOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('article[data-index]') : null
}

/**
 * Roving focus over the cards of a virtual feed: j/k, the arrow keys and Page Up/Down move
 * between cards, Home/End go to the first/last, Enter on a card opens it. j or k elsewhere on
 * the page (but not while typing) starts at the current card. Focus follows into cards that are not rendered yet.
 */
export function createFeedKeys(options: FeedKeysOptions): FeedKeys {
  const [currentId, setCurrentId] = createSignal<string>()
  const current = () => {
    const id = currentId()
    return (id !== undefined && options.indexOf(id)) || 0
  }
  let pendingFrame: number | undefined

  const show = (element: HTMLElement, align: 'auto' | 'center') => {
    element.focus({ preventScroll: true })
    element.scrollIntoView?.({ block: align === 'center' ? 'center' : 'nearest' })
  }

  const focusIndex = (index: number, align: 'auto' | 'center' = 'auto') => {
    const id = options.idAt(index)
    if (id === undefined) return
    setCurrentId(id)
    options.onFocusChange(id)
    if (pendingFrame !== undefined) cancelAnimationFrame(pendingFrame)
    const now = options.element(index)
    if (now) return show(now, align)
    options.scrollTo(index, align)
    let frames = 0
    const wait = () => {
      pendingFrame = undefined
      const at = options.indexOf(id)
      const element = at === undefined ? undefined : options.element(at)
      if (element) show(element, align)
      else if (at !== undefined && ++frames < MAX_FRAMES) pendingFrame = requestAnimationFrame(wait)
    }
    pendingFrame = requestAnimationFrame(wait)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || leavesShortcutsAlone(event.target)) return
    const card = cardOf(event.target)
    if (!card) return
    const index = Number(card.dataset.index)
    const last = options.count() - 1
    let to: number | undefined
    if (event.key in MOVES) to = index + (MOVES[event.key] as number)
    else if (event.key === 'Home') to = 0
    else if (event.key === 'End') to = last
    else if (event.key === 'Enter' && event.target === card) {
      const id = options.idAt(index)
      if (id !== undefined) options.open(id)
      event.preventDefault()
      return
    }
    if (to === undefined) return
    event.preventDefault()
    focusIndex(Math.max(0, Math.min(last, to)))
  }

  // j or k outside the feed (after a click on the page, or in the toolbar) starts in the feed.
  const onDocumentKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    if ((event.key !== 'j' && event.key !== 'k') || leavesShortcutsAlone(event.target)) return
    if (cardOf(event.target) || options.count() === 0) return
    event.preventDefault()
    focusIndex(Math.min(current(), options.count() - 1))
  }
  document.addEventListener('keydown', onDocumentKeyDown)
  onCleanup(() => {
    document.removeEventListener('keydown', onDocumentKeyDown)
    if (pendingFrame !== undefined) cancelAnimationFrame(pendingFrame)
  })

  return {
    current,
    focus: (id, align = 'auto') => {
      const index = options.indexOf(id)
      if (index !== undefined) focusIndex(index, align)
    },
    onKeyDown,
    onFocusIn: (event) => {
      const card = cardOf(event.target)
      const id = card ? options.idAt(Number(card.dataset.index)) : undefined
      if (id === undefined) return
      setCurrentId(id)
      options.onFocusChange(id)
    },
    onFocusOut: (event) => {
      const to = event.relatedTarget
      if (!(to instanceof Node) || !cardOf(to)) options.onFocusChange(undefined)
    },
  }
}
