import { onCleanup } from 'solid-js'

/**
 * How long the member stays on a page before it counts as where they are: longer than it takes
 * to scroll back up to the reader's header and leave, shorter than reading a page takes.
 */
export const SETTLE_MS = 3_000

/**
 * Calls `keep` with the page the member is on once they have stayed on it for a moment, not for
 * every page they scroll past on the way to another (or back up to the top to leave the
 * reader), and at once when the page is hidden (the phone locked, another app opened). For the
 * calling owner's lifetime.
 */
export function createPageKeeper(keep: (page: number) => void): (page: number) => void {
  let waiting: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    clearTimeout(timer)
    if (waiting !== undefined) keep(waiting)
    waiting = undefined
  }
  const onHidden = () => document.visibilityState === 'hidden' && flush()
  document.addEventListener('visibilitychange', onHidden)
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onHidden)
    clearTimeout(timer)
  })
  return (page) => {
    waiting = page
    clearTimeout(timer)
    timer = setTimeout(flush, SETTLE_MS)
  }
}
