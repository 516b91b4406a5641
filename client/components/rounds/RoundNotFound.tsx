import { Show } from 'solid-js'

/** A round id that is not in the group: a wrong link, or a round not synced to this device yet. */
export function RoundNotFound(props: { backHref: string; synced: boolean }) {
  return (
    <section class="round-not-found" aria-labelledby="round-not-found-heading">
      <h2 id="round-not-found-heading">Round not found</h2>
      <p>
        This round is not in the group on this device. If it was opened only a moment ago, it
        appears here once the device that opened it and this one have synced.
        <Show when={!props.synced}> This device is not in sync with the group right now.</Show>
      </p>
      <p>
        <a href={props.backHref}>All rounds</a>
      </p>
    </section>
  )
}
