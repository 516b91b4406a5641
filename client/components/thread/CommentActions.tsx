import { Show } from 'solid-js'
import type { Comment } from '../../../shared/model'
import { useThread } from './thread-context'

/**
 * The buttons under a comment: reply, and edit or delete for its author; resolve or reopen on a
 * thread's root for any member who can write; Undo right after its author deleted it. A
 * read-only reader gets none.
 */
export function CommentActions(props: {
  comment: Comment
  root: Comment
  authorName: string
  editing: boolean
  onReply: () => void
  onEdit: () => void
  onResolved?: () => void
  onRestored: () => void
}) {
  const thread = useThread()
  const own = () => thread.memberId() !== undefined && thread.memberId() === props.comment.author
  const isRoot = () => props.comment.id === props.root.id
  // A refused write has its message from the group's actions: nothing to announce or undo here.
  const remove = () => {
    if (!thread.handlers.onDelete(props.comment.id, true)) return
    thread.setUndoable(props.comment.id)
    thread.announce('Comment deleted. Undo is next to it.')
  }
  const undo = () => {
    if (!thread.handlers.onDelete(props.comment.id, false)) return
    thread.setUndoable(undefined)
    thread.announce('Comment restored.')
    props.onRestored()
  }
  const resolve = (resolved: boolean) => {
    if (!thread.handlers.onResolve(props.root.id, resolved)) return
    thread.announce(resolved ? 'Thread resolved.' : 'Thread reopened.')
    if (resolved) props.onResolved?.()
  }

  return (
    <Show when={thread.canWrite()}>
      <div class="comment-actions">
        <Show when={!props.comment.deleted && !props.editing}>
          <button
            type="button"
            class="thread-action"
            data-action="reply"
            aria-label={`Reply to ${props.authorName}`}
            onClick={() => props.onReply()}
          >
            Reply
          </button>
          <Show when={own()}>
            <button
              type="button"
              class="thread-action"
              data-action="edit"
              aria-label="Edit your comment"
              onClick={() => props.onEdit()}
            >
              Edit
            </button>
            <button
              type="button"
              class="thread-action"
              data-action="delete"
              aria-label="Delete your comment"
              onClick={remove}
            >
              Delete
            </button>
          </Show>
        </Show>
        <Show when={props.comment.deleted && own() && thread.undoable() === props.comment.id}>
          <button
            // Only this member's own Delete click offers Undo, so taking focus here follows it.
            ref={(button) => queueMicrotask(() => button.focus())}
            type="button"
            class="thread-action"
            data-action="undo"
            aria-label="Undo delete"
            onClick={undo}
          >
            Undo
          </button>
        </Show>
        <Show when={isRoot() && !props.editing}>
          <button
            type="button"
            class="thread-action"
            data-action="resolve"
            onClick={() => resolve(!props.root.resolved)}
          >
            {props.root.resolved ? 'Reopen thread' : 'Resolve thread'}
          </button>
        </Show>
      </div>
    </Show>
  )
}
