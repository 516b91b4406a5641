import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { LibraryEntry } from '../../shared/model'
import { createPrivateDoc } from './private-doc'
import { asReadMark, newestMark, type ReadMark } from './read-mark'

/** What a visit needs of a paper: its canonical id and its activity as this device has it. */
export type VisitedPaper = Pick<LibraryEntry, 'lastActivity'> & { paper: { id: string } }

/**
 * This member's visits to the papers of a group (see {@link ReadMark}). Private to the member:
 * they live in their private document (private-doc.ts), which follows them to their other
 * devices and which nobody else in the group can open.
 */
export interface ReadMarks {
  /**
   * The newest visit to a paper over all its ids (`LibraryEntry.aliases`: a visit made before
   * two records folded into the paper is under the id it had then), or undefined if never
   * opened here.
   */
  seen(paperIds: readonly string[]): ReadMark | undefined
  /**
   * Records a visit now under the paper's canonical id, with each member's newest activity on
   * it as this device has it (`LibraryEntry.lastActivity`; undefined when unknown, and the
   * visit is then compared by time).
   */
  markSeen(paperId: string, activity: Readonly<Record<string, number>> | undefined): void
  /**
   * Records a visit now to all of these papers. Returns what puts the marks back exactly as they
   * were (papers never opened become unopened again), leaving any visit made since.
   */
  markAllSeen(papers: readonly VisitedPaper[]): () => void
  /** True once the marks stored on this device have been read. */
  readonly loaded: Accessor<boolean>
}

/**
 * Opens a group's read marks for the lifetime of the calling owner; with `sync: false`, as this
 * device has them, without a connection of their own to the server.
 */
export function createReadMarks(groupId: string, options: { sync?: boolean } = {}): ReadMarks {
  const { doc, loaded } = createPrivateDoc(groupId, options)
  // Values are { at, activity } objects, or bare visit times stored by earlier versions.
  const seen = doc.getMap<unknown>('seen')
  const [version, setVersion] = createSignal(0, { equals: false })
  const bump = () => setVersion(0)
  seen.observe(bump)
  onCleanup(() => seen.unobserve(bump))
  const markAllSeen = (papers: readonly VisitedPaper[]) => {
    const at = Date.now()
    const before = new Map<string, unknown>()
    const written = new Map<string, object>()
    for (const { paper, lastActivity } of papers) {
      before.set(paper.id, seen.get(paper.id))
      // A copy: the activity may be a live store that changes after the visit.
      written.set(paper.id, { at, activity: { ...lastActivity } })
    }
    doc.transact(() => {
      for (const [paperId, mark] of written) seen.set(paperId, mark)
    })
    return () =>
      doc.transact(() => {
        for (const [paperId, mark] of before) {
          // Y.Map gives back the very object set: anything else is a visit made since.
          if (seen.get(paperId) !== written.get(paperId)) continue
          if (mark === undefined) seen.delete(paperId)
          else seen.set(paperId, mark)
        }
      })
  }
  const read = (paperId: string) => asReadMark(seen.get(paperId))
  return {
    seen: (paperIds) => {
      version()
      return newestMark(paperIds.map(read))
    },
    markSeen: (paperId, activity) => {
      const at = Date.now()
      seen.set(paperId, activity ? { at, activity: { ...activity } } : { at })
    },
    markAllSeen,
    loaded,
  }
}
