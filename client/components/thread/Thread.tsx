import { Show, createSignal, createUniqueId } from 'solid-js'
import type { Comment } from '../../../shared/model'
import { CommentItem } from './CommentItem'
import { useThread } from './thread-context'
import { firstLine } from './thread-tree'

/**
 * One thread: its root and every reply. A resolved thread folds to a one-line summary that
 * opens on click; its comments stay in the page (hidden) so that folding never loses a composer.
 */
export function Thread(props: { root: Comment; size: number }) {
  const thread = useThread()
  const [open, setOpen] = createSignal(false)
  const bodyId = createUniqueId()
  // Set when this member resolves the thread here, so that focus follows the fold to its
  // summary; a resolve arriving from another member leaves focus where it is.
  let focusSummary = false

  const starter = () => thread.author(props.root.author).name
  const folded = () => props.root.resolved && !open()
  const gist = () => (props.root.deleted ? 'Comment deleted' : firstLine(props.root.body, 60))
  const count = () => `${props.size} ${props.size === 1 ? 'comment' : 'comments'}`

  return (
    <li class="thread" classList={{ 'thread-resolved': props.root.resolved }}>
      <article aria-label={`Thread started by ${starter()}`}>
        <Show when={props.root.resolved}>
          <button
            ref={(button) =>
              // Checked a moment later: the write that shows this button may land before or
              // after the Resolve click has set the flag.
              queueMicrotask(() => {
                if (!focusSummary) return
                focusSummary = false
                button.focus()
              })
            }
            type="button"
            class="thread-summary"
            aria-expanded={open()}
            aria-controls={bodyId}
            onClick={() => setOpen((now) => !now)}
          >
            <span class="thread-summary-state">Resolved</span>
            <span class="thread-summary-gist">
              {starter()}: {gist()}
            </span>
            <span class="thread-summary-count">{open() ? 'Hide' : count()}</span>
          </button>
        </Show>
        <ul class="thread-comments" id={bodyId} hidden={folded()}>
          <CommentItem
            comment={props.root}
            depth={0}
            root={props.root}
            onResolved={() => {
              setOpen(false)
              focusSummary = true
            }}
          />
        </ul>
      </article>
    </li>
  )
}
