/**
 * Group commit: the appends made during one turn of the event loop, by any number of rooms,
 * go into one SQLite transaction, so they cost one commit and one disk sync instead of one
 * each. The sync runs off the event loop (`sync`, on libuv's thread pool), so the server goes
 * on reading and applying frames while the disk works; appends made meanwhile are committed
 * and wait for the next sync.
 *
 * An append's promise resolves only after the transaction holding it has committed and a sync
 * that started after that commit has finished, and rooms fan an update out only then: what
 * anyone has been sent is on disk.
 */
export interface GroupCommit {
  /** Queues `update` for the next commit; resolves with its position once committed and synced. */
  append(groupId: string, update: Uint8Array): Promise<number>
  /** Commits whatever is queued now (before a read, a replace or closing); syncs later. */
  flush(): void
  /** Resolves once every commit so far is synced (before closing). */
  synced(): Promise<void>
}

/** What a {@link GroupCommit} needs from its store. */
export interface GroupCommitTarget {
  /**
   * Inserts every queued update in one transaction, in order, and returns their positions; if
   * it throws, none of them is stored.
   */
  commit(updates: ReadonlyArray<{ groupId: string; update: Uint8Array }>): number[]
  /** Makes every transaction committed before the call durable. */
  sync(): Promise<void>
}

interface Queued {
  groupId: string
  update: Uint8Array
  resolve: (position: number) => void
  reject: (error: unknown) => void
}

/** Makes a {@link GroupCommit} over `target`. */
export function createGroupCommit(target: GroupCommitTarget): GroupCommit {
  let queued: Queued[] = []
  let scheduled = false
  /** Committed appends waiting for a sync that has not started yet. */
  let unsynced: Array<() => void> = []
  let failures: Array<(error: unknown) => void> = []
  let syncing: Promise<void> | undefined

  function startSync(): void {
    const done = unsynced
    const failed = failures
    unsynced = []
    failures = []
    syncing = target.sync().then(
      () => done.forEach((resolve) => resolve()),
      (error: unknown) => failed.forEach((reject) => reject(error)),
    )
    void syncing.then(() => {
      syncing = undefined
      if (unsynced.length > 0) startSync()
    })
  }

  function flush(): void {
    const batch = queued
    queued = []
    if (batch.length === 0) return
    let positions: number[]
    try {
      positions = target.commit(batch)
    } catch (error) {
      for (const entry of batch) entry.reject(error)
      return
    }
    batch.forEach((entry, i) => {
      unsynced.push(() => entry.resolve(positions[i] as number))
      failures.push(entry.reject)
    })
    // A sync already running may have started before this commit: wait for the next one.
    if (!syncing) startSync()
  }

  return {
    append: (groupId, update) =>
      new Promise<number>((resolve, reject) => {
        queued.push({ groupId, update, resolve, reject })
        if (scheduled) return
        scheduled = true
        // After the current turn: every room that drains in this turn adds its append first.
        setImmediate(() => {
          scheduled = false
          flush()
        })
      }),
    flush,
    synced: async () => {
      while (syncing) await syncing
    },
  }
}
