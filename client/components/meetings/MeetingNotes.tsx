import { Show, createSignal, createUniqueId, onCleanup, onMount, untrack } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { NOTES_MAX_LENGTH, bindMeetingNotes, createNotesText } from '../../data/meeting-notes'
import { Markdown } from '../../markdown/Markdown'

const numbers = new Intl.NumberFormat()
const SAVED = 'Saved as you type, on this device and for the whole group. '

/**
 * The meeting's shared notes: one text the whole group types into together, each member's
 * typing showing live in everyone's field. Members who cannot write (a read-only link, or no
 * name chosen yet) and everyone while the meeting is deleted still see it live, in a read-only
 * field, and are told why.
 */
export function MeetingNotes(props: { view: GroupView; meetingId: string; deleted: boolean }) {
  const field = createUniqueId()
  // Made for one meeting: the page remounts the screen for another.
  const text = createNotesText(
    untrack(() => props.view),
    untrack(() => props.meetingId),
  )
  const [preview, setPreview] = createSignal(false)
  const editable = () =>
    props.view.canWrite && props.view.memberId() !== undefined && !props.deleted
  let textarea!: HTMLTextAreaElement
  onMount(() => onCleanup(bindMeetingNotes(props.view, props.meetingId, textarea)))

  return (
    <div class="meeting-notes">
      <label for={field}>Shared notes (everyone in the group edits these together)</label>
      <p id={`${field}-hint`} class="plan-hint">
        {editable() ? SAVED : ''}Others' typing shows as it happens. Markdown and math work in the
        preview. Up to {numbers.format(NOTES_MAX_LENGTH)} characters.
      </p>
      <Show when={!editable()}>
        <p class="read-only-note">
          {props.deleted
            ? 'The meeting is deleted: its notes can be read but not edited until it is restored.'
            : props.view.canWrite
              ? 'Choose your name first (at the top of the page) to write in the notes; until then you can follow them as others write.'
              : 'Your link is read-only: you can follow the notes as others write them, but not edit them.'}
        </p>
      </Show>
      <textarea
        ref={textarea}
        id={field}
        class="notes-field"
        rows={12}
        maxLength={NOTES_MAX_LENGTH}
        readOnly={!editable()}
        aria-describedby={`${field}-hint ${field}-count`}
      />
      <div class="notes-foot">
        <span id={`${field}-count`} class="plan-hint">
          {numbers.format(text().length)} of {numbers.format(NOTES_MAX_LENGTH)} characters
        </span>
        <button
          type="button"
          class="link-button"
          aria-expanded={preview()}
          onClick={() => setPreview((shown) => !shown)}
        >
          {preview() ? 'Hide the preview' : 'Show a preview'}
        </button>
      </div>
      <Show when={preview()}>
        <section class="notes-preview" aria-label="Preview of the notes">
          <Show when={text().trim()} fallback={<p class="empty">No notes yet.</p>}>
            <Markdown source={text()} />
          </Show>
        </section>
      </Show>
    </div>
  )
}
