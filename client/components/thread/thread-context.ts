import { createContext, useContext, type Accessor } from 'solid-js'
import type { Comment } from '../../../shared/model'
import type { Drafts } from './drafts'
import type { ThreadHandlers } from './Discussion'

/** Who wrote a comment, as the thread shows them. */
export interface Author {
  name: string
  /** A member colour, or a CSS variable for someone no longer in the group. */
  colour: string
}

/** What every comment of a discussion needs from the discussion around it. */
export interface ThreadContextValue {
  handlers: ThreadHandlers
  canWrite: Accessor<boolean>
  memberId: Accessor<string | undefined>
  author(memberId: string): Author
  replies(commentId: string): Comment[]
  drafts: Drafts
  /** Says something to screen readers through the discussion's live region. */
  announce(message: string): void
  /** The one comment that Tab stops on (roving tabindex); arrows move it. */
  isTabStop(commentId: string): boolean
  setTabStop(commentId: string): void
  /** The comment this member deleted last, while its Undo is on offer. */
  undoable: Accessor<string | undefined>
  setUndoable(commentId: string | undefined): void
}

export const ThreadContext = createContext<ThreadContextValue>()

/** The discussion a comment sits in; only Discussion provides it. */
export function useThread(): ThreadContextValue {
  const value = useContext(ThreadContext)
  if (!value) throw new Error('A thread component was used outside a Discussion.')
  return value
}
