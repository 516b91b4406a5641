import { For, Show, createSignal } from 'solid-js'
import type { Comment } from '../../../shared/model'
import { Markdown } from '../../markdown/Markdown'
import { commentDateTime, formatCommentDate } from './comment-date'
import { useThread } from './thread-context'
import { Composer } from './Composer'
import { CommentActions } from './CommentActions'

/** Replies indent this many levels; deeper ones line up with the last and name their parent. */
export const MAX_INDENT = 3

/** One comment, its actions and composers, and its replies nested below it. */
export function CommentItem(props: {
  comment: Comment
  depth: number
  /** The thread's root, whose resolved flag the Resolve action sets. */
  root: Comment
  parentAuthor?: string
  onResolved?: () => void
}) {
  const thread = useThread()
  const [replying, setReplying] = createSignal(false)
  const [editing, setEditing] = createSignal(false)
  let article!: HTMLElement

  const author = () => thread.author(props.comment.author)
  const date = () => formatCommentDate(props.comment.created)
  const replies = () => thread.replies(props.comment.id)
  const focusAction = (name: string) =>
    queueMicrotask(() =>
      article
        .querySelector<HTMLElement>(`:scope > .comment-actions [data-action="${name}"]`)
        ?.focus(),
    )

  const sendReply = (body: string) => {
    if (!thread.handlers.onReply(props.comment.id, body)) return false
    setReplying(false)
    thread.announce('Reply sent.')
    focusAction('reply')
    return true
  }
  const saveEdit = (body: string) => {
    if (!thread.handlers.onEdit(props.comment.id, body)) return false
    setEditing(false)
    thread.announce('Comment saved.')
    focusAction('edit')
    return true
  }

  return (
    <li class="comment-item">
      <article
        ref={article}
        class="comment"
        classList={{ 'comment-deleted': props.comment.deleted }}
        tabindex={thread.isTabStop(props.comment.id) ? 0 : -1}
        onFocusIn={() => thread.setTabStop(props.comment.id)}
        aria-label={props.comment.deleted ? 'Comment deleted' : `${author().name}, ${date()}`}
        style={{ '--member-colour': author().colour }}
      >
        <Show
          when={!props.comment.deleted}
          fallback={<p class="comment-deleted-text">Comment deleted</p>}
        >
          <header class="comment-header">
            <span class="comment-dot" aria-hidden="true" />
            <span class="comment-author">{author().name}</span>
            <time datetime={commentDateTime(props.comment.created)}>{date()}</time>
            <Show when={props.comment.edited}>
              {(edited) => (
                <span class="comment-edited" title={`Edited ${formatCommentDate(edited())}`}>
                  edited
                </span>
              )}
            </Show>
            <Show when={props.depth > MAX_INDENT && props.parentAuthor}>
              <span class="comment-reply-to">reply to {props.parentAuthor}</span>
            </Show>
          </header>
          <Show when={editing()} fallback={<Markdown source={props.comment.body} />}>
            <Composer
              label="Edit your comment"
              submitLabel="Save"
              draftKey={`edit:${props.comment.id}`}
              initial={props.comment.body}
              autofocus
              onSubmit={saveEdit}
              onCancel={() => {
                setEditing(false)
                focusAction('edit')
              }}
            />
          </Show>
        </Show>
        <CommentActions
          comment={props.comment}
          root={props.root}
          authorName={author().name}
          editing={editing()}
          onReply={() => setReplying(true)}
          onEdit={() => setEditing(true)}
          onResolved={props.onResolved}
          onRestored={() => queueMicrotask(() => article.focus())}
        />
      </article>
      <Show when={replying()}>
        <Composer
          label={`Reply to ${author().name}`}
          submitLabel="Reply"
          draftKey={`reply:${props.comment.id}`}
          autofocus
          onSubmit={sendReply}
          onCancel={() => {
            setReplying(false)
            focusAction('reply')
          }}
        />
      </Show>
      <Show when={replies().length > 0}>
        <ul class="replies" classList={{ 'replies-flat': props.depth >= MAX_INDENT }}>
          <For each={replies()}>
            {(reply) => (
              <CommentItem
                comment={reply}
                depth={props.depth + 1}
                root={props.root}
                parentAuthor={props.comment.deleted ? undefined : author().name}
                onResolved={props.onResolved}
              />
            )}
          </For>
        </ul>
      </Show>
    </li>
  )
}
