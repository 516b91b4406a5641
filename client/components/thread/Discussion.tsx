import { For, Show, createMemo, createSignal, createUniqueId } from 'solid-js'
import type { Comment, Member } from '../../../shared/model'
import { storedColour } from '../../../shared/model/validate'
import { buildThreads, countComments, repliesOf } from './thread-tree'
import { ThreadContext, type Author, type ThreadContextValue } from './thread-context'
import { createDrafts } from './drafts'
import { Thread } from './Thread'
import { Composer } from './Composer'
import { moveBetweenComments } from './comment-keys'
import '../../styles/thread.css'

/** What a thread lets the member do; each callback writes through the group's actions. */
export interface ThreadHandlers {
  onReply: (parentId: string | undefined, body: string) => boolean
  onEdit: (commentId: string, body: string) => boolean
  /** Deletes or restores; false when the write was refused, so nothing is announced. */
  onDelete: (commentId: string, deleted: boolean) => boolean
  onResolve: (rootId: string, resolved: boolean) => boolean
}

/** Past this many comments a "skip to new thread" button leads the discussion. */
const SKIP_AFTER = 6

const FORMER_MEMBER: Author = { name: 'Former member', colour: 'var(--off)' }

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
    /**
     * Where unsent drafts are kept in this browser (e.g. `<groupId>/<paperId>/<annotationId>`),
     * so that a reload loses nothing; without it they live only as long as the page.
     */
    draftScope?: string
    /** The new-thread composer's label, when "Start a thread" is not specific enough. */
    startLabel?: string
  },
) {
  const tree = createMemo(() => buildThreads(props.comments))
  const membersById = createMemo(() => new Map(props.members.map((m) => [m.id, m])))
  const [announcement, setAnnouncement] = createSignal('')
  const [undoable, setUndoable] = createSignal<string>()
  const [tabStop, setTabStop] = createSignal<string>()
  const tabStopId = createMemo(() => {
    const chosen = tabStop()
    if (chosen !== undefined && props.comments.some((comment) => comment.id === chosen)) {
      return chosen
    }
    return tree().roots[0]?.id
  })
  const hintId = createUniqueId()
  const newThreadId = createUniqueId()
  let section!: HTMLElement

  const context: ThreadContextValue = {
    handlers: props,
    canWrite: () => props.canWrite,
    memberId: () => props.memberId,
    author(memberId) {
      const member = membersById().get(memberId)
      // The colour lands in a CSS variable: only #rrggbb, whoever built the member list.
      return member ? { name: member.name, colour: storedColour(member.colour) } : FORMER_MEMBER
    },
    replies: (commentId) => repliesOf(tree(), commentId),
    drafts: createDrafts(() => props.draftScope),
    announce(message) {
      // Cleared first so that the same words twice in a row are spoken twice.
      setAnnouncement('')
      queueMicrotask(() => setAnnouncement(message))
    },
    isTabStop: (commentId) => tabStopId() === commentId,
    setTabStop,
    undoable,
    setUndoable,
  }

  const startThread = (body: string) => {
    if (!props.onReply(undefined, body)) return false
    context.announce('Thread started.')
    return true
  }

  return (
    <ThreadContext.Provider value={context}>
      <section
        ref={section}
        class="discussion"
        aria-label={props.label}
        onKeyDown={(event) => moveBetweenComments(section, event)}
      >
        <Show when={props.canWrite && props.comments.length > SKIP_AFTER}>
          <button
            type="button"
            class="discussion-skip"
            onClick={() => document.getElementById(newThreadId)?.querySelector('textarea')?.focus()}
          >
            Skip to a new thread
          </button>
        </Show>
        <p id={hintId} class="visually-hidden">
          With a comment focused, the up and down arrow keys move to the previous and next comment.
        </p>
        <Show when={tree().roots.length > 0} fallback={<p class="empty">No comments yet.</p>}>
          <ul class="threads" aria-label={props.label} aria-describedby={hintId}>
            <For each={tree().roots}>
              {(root) => <Thread root={root} size={countComments(tree(), root)} />}
            </For>
          </ul>
        </Show>
        <Show when={props.canWrite}>
          <div id={newThreadId} class="discussion-new">
            <Composer
              label={props.startLabel ?? 'Start a thread'}
              submitLabel="Send"
              draftKey="new"
              onSubmit={startThread}
            />
          </div>
        </Show>
        <p class="visually-hidden" role="status" aria-live="polite">
          {announcement()}
        </p>
      </section>
    </ThreadContext.Provider>
  )
}
