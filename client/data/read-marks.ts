import * as Y from 'yjs'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { persistLocally } from './local-store'

/**
 * When this member last opened each paper of a group. Private to this device: it lives in a
 * local document of its own (IndexedDB `margins-private-<groupId>`) that is never synced.
 */
export interface ReadMarks {
  /** Epoch milliseconds of the last visit to the paper, or undefined if never opened here. */
  seenAt(paperId: string): number | undefined
  /** Records a visit now. */
  markSeen(paperId: string): void
  /**
   * Records a visit now to all of these papers. Returns what puts the marks back as they were
   * (papers never opened become unopened again), leaving any visit made since.
   */
  markAllSeen(paperIds: readonly string[]): () => void
  /** True once the marks stored on this device have been read. */
  readonly loaded: Accessor<boolean>
}

/** The IndexedDB database that holds a group's private marks. */
export function privateDatabaseName(groupId: string): string {
  return `margins-private-${groupId}`
}

/** Opens a group's read marks for the lifetime of the calling owner. */
export function createReadMarks(groupId: string): ReadMarks {
  const doc = new Y.Doc()
  const seen = doc.getMap<number>('seen')
  const local = persistLocally(privateDatabaseName(groupId), doc)
  const [version, setVersion] = createSignal(0, { equals: false })
  const [loaded, setLoaded] = createSignal(false)
  const bump = () => setVersion(0)
  seen.observe(bump)
  void local.whenSynced.then(() => setLoaded(true))
  onCleanup(() => {
    seen.unobserve(bump)
    void local.destroy()
    doc.destroy()
  })
  const markAllSeen = (paperIds: readonly string[]) => {
    const now = Date.now()
    const before = new Map(paperIds.map((paperId) => [paperId, seen.get(paperId)]))
    doc.transact(() => {
      for (const paperId of before.keys()) seen.set(paperId, now)
    })
    return () =>
      doc.transact(() => {
        for (const [paperId, at] of before) {
          if (seen.get(paperId) !== now) continue
          if (at === undefined) seen.delete(paperId)
          else seen.set(paperId, at)
        }
      })
  }
  return {
    seenAt: (paperId) => {
      version()
      return seen.get(paperId)
    },
    markSeen: (paperId) => void markAllSeen([paperId]),
    markAllSeen,
    loaded,
  }
}
