import { Show } from 'solid-js'
import { restoreMeeting } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import type { MeetingLookups } from '../../data/meetings'
import { meetingsHref } from '../../app/route'
import { commentDateTime, formatCommentDate } from '../thread/comment-date'

/** The id of the notice's heading, for the page to move focus there. */
export const DELETED_HEADING = 'meeting-deleted-heading'

/**
 * What a deleted meeting's page says first: who deleted it and when, with the way back to the
 * meetings and, for writers, the undo: "Restore the meeting".
 */
export function MeetingDeleted(props: {
  view: GroupView
  meetingId: string
  deleted: { by: string; at: number }
  lookups: MeetingLookups
  onRestored: () => void
}) {
  const who = () =>
    props.deleted.by === props.view.memberId()
      ? 'You'
      : (props.lookups.member(props.deleted.by)?.name ?? 'A member')
  const when = () => formatCommentDate(props.deleted.at)

  const restore = () => {
    const meetingId = props.meetingId
    const restored = props.view.actions.run((doc, actor) => restoreMeeting(doc, actor, meetingId))
    if (restored) props.onRestored()
  }

  return (
    <section class="meeting-deleted" aria-labelledby={DELETED_HEADING}>
      <h3 id={DELETED_HEADING} tabIndex={-1}>
        This meeting was deleted
      </h3>
      <p>
        {who()} deleted it
        <Show when={when()}>
          {(text) => (
            <>
              {' on '}
              <time datetime={commentDateTime(props.deleted.at)}>{text()}</time>
            </>
          )}
        </Show>
        . It no longer shows in the list of meetings, nor as planned in the library.{' '}
        {props.view.canWrite
          ? 'Restore it to bring it back with its agenda and presenters.'
          : 'A member can restore it.'}
      </p>
      <div class="meeting-deleted-actions">
        <Show when={props.view.canWrite}>
          <button type="button" onClick={restore}>
            Restore the meeting
          </button>
        </Show>
        <a href={meetingsHref(props.view.groupId)}>Back to all meetings</a>
      </div>
    </section>
  )
}
