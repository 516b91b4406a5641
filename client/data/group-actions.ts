import type * as Y from 'yjs'
import { createSignal, type Accessor } from 'solid-js'
import { ModelError, type Actor } from '../../shared/model'

/** A write into the group's document: a mutation from shared/model, given the doc and actor. */
export type GroupWrite<T> = (doc: Y.Doc, actor: Actor) => T

/** How components write: through shared/model mutations, with refusals shown to the member. */
export interface GroupActions {
  /**
   * Runs one mutation as the current member and returns its result. A refusal (bad input, a
   * read-only link, no profile yet) changes nothing, returns undefined and sets `problem`.
   */
  run<T>(write: GroupWrite<T>): T | undefined
  /** The last refusal's message, until `dismiss` or the next successful write. */
  readonly problem: Accessor<string | undefined>
  dismiss(): void
}

/**
 * Actions for one group: `memberId()` is undefined until the member has a profile, and
 * `loaded()` false while the group is still being read on this device (its first screen may
 * show by then, from a plain copy: first-screen.ts).
 */
export function createGroupActions(
  doc: Y.Doc,
  canWrite: boolean,
  memberId: Accessor<string | undefined>,
  loaded: Accessor<boolean> = () => true,
): GroupActions {
  const [problem, setProblem] = createSignal<string | undefined>()
  const run = <T>(write: GroupWrite<T>): T | undefined => {
    const id = memberId()
    if (!canWrite) {
      setProblem('This link is read-only: you can read the group but not change it.')
      return undefined
    }
    if (!id) {
      setProblem('Choose your name first, so the group knows who wrote this.')
      return undefined
    }
    if (!loaded()) {
      setProblem('The group is still opening on this device. Try again in a moment.')
      return undefined
    }
    try {
      const result = write(doc, { memberId: id, now: Date.now() })
      setProblem(undefined)
      return result
    } catch (error) {
      if (!(error instanceof ModelError)) throw error
      setProblem(error.message)
      return undefined
    }
  }
  return { run, problem, dismiss: () => setProblem(undefined) }
}
