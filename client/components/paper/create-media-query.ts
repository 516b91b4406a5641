import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** Whether a CSS media query matches now, following changes; ends with the calling owner. */
export function createMediaQuery(query: string): Accessor<boolean> {
  const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined
  const [matches, setMatches] = createSignal(list?.matches ?? false)
  if (list) {
    const update = () => setMatches(list.matches)
    list.addEventListener('change', update)
    onCleanup(() => list.removeEventListener('change', update))
  }
  return matches
}
