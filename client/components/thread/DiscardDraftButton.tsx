import { Show } from 'solid-js'
import type { DraftText } from './create-draft-text'

/** "Discard draft", shown while an editor holds text kept from an earlier visit. */
export function DiscardDraftButton(props: { draft: DraftText; onDiscard: () => void }) {
  return (
    <Show when={props.draft.restored()}>
      <button type="button" class="link-button" onClick={() => props.onDiscard()}>
        Discard draft
      </button>
    </Show>
  )
}
