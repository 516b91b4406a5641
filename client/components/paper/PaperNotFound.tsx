import { Show } from 'solid-js'
import { groupHref } from '../../app/route'

/** A paper id that is not in the group (a stale or mistyped link, or not synced here yet). */
export function PaperNotFound(props: { groupId: string; synced: boolean }) {
  return (
    <section class="paper-not-found" aria-labelledby="paper-not-found-heading">
      <h2 id="paper-not-found-heading">Paper not found</h2>
      <p>
        This paper is not in the group’s library.
        <Show when={!props.synced}> It may appear once this device has synced with the group.</Show>
      </p>
      <p>
        <a href={groupHref(props.groupId)}>Back to the library</a>
      </p>
    </section>
  )
}
