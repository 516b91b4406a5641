import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { TextAreaBinding } from 'y-textarea'
import { meetingNotes } from '../../shared/model'
import type { GroupView } from './create-group-view'

/** Most characters the notes field takes from one member's typing. */
export const NOTES_MAX_LENGTH = 50_000

/**
 * Binds a textarea to a meeting's shared notes (a Y.Text): what the member types goes into the
 * group document as they type, and what others type shows as it arrives, the caret kept in
 * place. Keystrokes bypass `view.actions`: they are the member's edits of a shared text, which
 * only a writer's textarea can make, so the caller makes it `readOnly` for everyone else (the
 * server refuses a read-only link's writes anyway). Returns the function that unbinds it; a
 * meeting this replica does not have binds nothing.
 */
export function bindMeetingNotes(
  view: GroupView,
  meetingId: string,
  textarea: HTMLTextAreaElement,
): () => void {
  const text = meetingNotes(view.doc, meetingId)
  if (!text) return () => undefined
  const binding = new TextAreaBinding(text, textarea)
  return () => binding.destroy()
}

/**
 * The text of a meeting's notes, following every keystroke of every member (for the Markdown
 * preview, and to tell whether there are notes). Ends with the calling owner.
 */
export function createNotesText(view: GroupView, meetingId: string): Accessor<string> {
  const text = meetingNotes(view.doc, meetingId)
  const [value, setValue] = createSignal(text?.toString() ?? '')
  if (!text) return value
  const update = () => setValue(text.toString())
  text.observe(update)
  onCleanup(() => text.unobserve(update))
  return value
}
