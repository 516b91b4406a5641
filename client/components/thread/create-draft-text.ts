import { createSignal, type Accessor } from 'solid-js'
import type { Drafts } from './drafts'

/** The text of an editor, kept as a draft while it differs from what the editor started with. */
export interface DraftText {
  text: Accessor<string>
  /** True while the text shown is a draft kept from an earlier visit. */
  restored: Accessor<boolean>
  /** The member typed: the draft is kept at once. */
  input(value: string): void
  /** The text was written to the group: no draft to keep, and the editor starts over. */
  saved(): void
  /** The editor closes unsaved: a draft with nothing new in it is not worth bringing back. */
  closed(): void
  /** Back to the starting text, forgetting the draft. */
  discard(): void
}

/**
 * The text of an editor under `key` in `drafts`, starting from a kept draft if there is one, or
 * else from `initial` (a comment or note being edited; empty for a new one). Read once: an editor
 * belongs to one draft for its whole life.
 */
export function createDraftText(drafts: Drafts, key: string, initial: string): DraftText {
  const kept = drafts.read(key)
  const [text, setText] = createSignal(kept ?? initial)
  const [restored, setRestored] = createSignal(kept !== undefined && kept !== initial)
  const reset = () => {
    drafts.clear(key)
    setText(initial)
    setRestored(false)
  }
  return {
    text,
    restored,
    input(value) {
      setText(value)
      drafts.write(key, value)
    },
    saved: reset,
    closed() {
      if (text() === initial || text().trim() === '') drafts.clear(key)
    },
    discard: reset,
  }
}
