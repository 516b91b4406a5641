import { createEffect, createSignal, on, onCleanup } from 'solid-js'
import { formatCount } from '../../format/count'

const numbers = new Intl.NumberFormat()
// Screen readers hear the count once typing pauses, not after every key.
const SETTLE_MS = 500

/** How many papers the feed shows, announced politely once it settles. */
export function ResultCount(props: { shown: number; total: number; filtered: boolean }) {
  const text = () =>
    props.filtered
      ? `${numbers.format(props.shown)} of ${formatCount(props.total, 'paper', 'papers')}`
      : formatCount(props.total, 'paper', 'papers')
  const [announced, setAnnounced] = createSignal('')
  createEffect(
    on(
      text,
      (now) => {
        const timer = setTimeout(() => setAnnounced(now), SETTLE_MS)
        onCleanup(() => clearTimeout(timer))
      },
      { defer: true },
    ),
  )
  return (
    <>
      <span class="result-count">{text()}</span>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announced()}
      </p>
    </>
  )
}
