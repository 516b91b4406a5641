import { For } from 'solid-js'
import type { Comment, Member } from '../../../shared/model'

/** What a thread lets the member do; each callback writes through the group's actions. */
export interface ThreadHandlers {
  onReply: (parentId: string | undefined, body: string) => boolean
  onEdit: (commentId: string, body: string) => boolean
  onDelete: (commentId: string, deleted: boolean) => void
  onResolve: (rootId: string, resolved: boolean) => void
}

/**
 * A discussion: the threads of one annotation, or the paper's own, with replies nested
 * under their parents. `comments` holds the whole thread, deleted comments included.
 */
export function Discussion(
  props: ThreadHandlers & {
    comments: readonly Comment[]
    members: readonly Member[]
    memberId: string | undefined
    canWrite: boolean
    label: string
  },
) {
  return (
    <ul aria-label={props.label}>
      <For each={props.comments}>{(comment) => <li>{comment.body}</li>}</For>
    </ul>
  )
}
