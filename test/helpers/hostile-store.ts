import type { DocStore } from '../../server/store/doc-store'

/** A store whose loads of chosen groups wait until released; every other call passes through. */
export interface HoldingStore extends DocStore {
  /** Makes loads of `groupId` wait from now on; the returned function lets them all go. */
  hold(groupId: string): () => void
  /** Lets every held load go: register it so that a failed test still shuts down. */
  releaseAll(): void
}

/**
 * Wraps `inner` so that one group can be kept loading (for the limits on connections and
 * messages waiting for a room) while the other groups of the same server load as usual.
 */
export function holdingStore(inner: DocStore): HoldingStore {
  const held = new Map<string, { wait: Promise<void>; release: () => void }>()
  const waitFor = (groupId: string) => held.get(groupId)?.wait ?? Promise.resolve()
  const release = (groupId: string) => {
    held.get(groupId)?.release()
    held.delete(groupId)
  }
  return {
    load: async (groupId) => {
      await waitFor(groupId)
      return inner.load(groupId)
    },
    read: async (groupId) => {
      await waitFor(groupId)
      return inner.read(groupId)
    },
    append: (groupId, update) => inner.append(groupId, update),
    replace: (groupId, state, upTo) => inner.replace(groupId, state, upTo),
    // The caller owns `inner` and closes it.
    close: async () => {},
    hold: (groupId) => {
      let open = () => {}
      const wait = new Promise<void>((resolve) => (open = resolve))
      held.set(groupId, { wait, release: open })
      return () => release(groupId)
    },
    releaseAll: () => {
      for (const groupId of [...held.keys()]) release(groupId)
    },
  }
}
