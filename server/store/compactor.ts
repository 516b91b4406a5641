import * as Y from 'yjs'
import type { CompactionLease } from '../fanout/fanout'
import type { DocStore } from './doc-store'

/** When a loaded group's stored updates are merged into one snapshot. */
export interface CompactionPolicy {
  /** Compact once no update has been stored for this long. */
  quietMs: number
  /** …but no later than this long after the first update not yet in a snapshot. */
  maxDelayMs: number
  /** Compact as soon as the group has more stored rows than this. */
  maxRows: number
}

/** Hocuspocus-like defaults: 2 s of quiet, at most 30 s while busy, or past 500 rows. */
export const DEFAULT_COMPACTION_POLICY: CompactionPolicy = {
  quietMs: 2_000,
  maxDelayMs: 30_000,
  maxRows: 500,
}

/** The whole state of a group and the position of the last stored update it contains. */
export interface Snapshot {
  state: Uint8Array
  upTo: number
}

/** Options of a {@link Compactor}. */
export interface CompactorOptions {
  groupId: string
  store: DocStore
  policy: CompactionPolicy
  log: (line: string) => void
  /**
   * Called when a compaction is due. The owner answers by calling `start` with a snapshot
   * taken at a moment when its doc holds exactly what is stored (for a room: between two
   * queued tasks), or not at all if it is closing.
   */
  onDue: () => void
  /**
   * Set when other nodes may have the group loaded and append to it too (fan-out): a room's
   * doc then need not match the stored rows, so the snapshot is the merge of the rows
   * themselves, read from the store while holding this lease, which one node at a time gets.
   * The snapshots passed to `start` and `finish` are then ignored.
   */
  shared?: CompactionLease
}

/**
 * Background compaction of one loaded group: counts the rows the group has in the store,
 * decides when to merge them (debounced, with a maximum delay and a row cap) and writes the
 * snapshot with `replace(groupId, state, upTo)` while appends go on, so that an update stored
 * meanwhile stays as a row after the snapshot. At most one compaction runs at a time.
 */
export class Compactor {
  /** Rows the group has in the store. */
  private rows: number
  /** Rows that are not a snapshot; compaction is wanted while there are any. */
  private loose: number
  private quietTimer: ReturnType<typeof setTimeout> | undefined
  private maxTimer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<void> | undefined
  /** `onDue` was called and its `start` has not come yet. */
  private requested = false
  private stopped = false

  /** `loadedRows` rows were loaded; one row alone counts as a snapshot already. */
  constructor(
    private readonly options: CompactorOptions,
    loadedRows: number,
  ) {
    this.rows = loadedRows
    this.loose = loadedRows > 1 ? loadedRows : 0
    if (this.loose > 0) this.schedule()
  }

  /** True while some stored rows are not in a snapshot. */
  get dirty(): boolean {
    return this.loose > 0
  }

  /** Records one stored append, and schedules a compaction. */
  noteAppend(): void {
    this.rows++
    this.loose++
    this.schedule()
  }

  /**
   * Writes `snapshot()` in the background, unless a compaction is already running or nothing
   * is loose; `snapshot` is only called when the write goes ahead.
   */
  start(snapshot: () => Snapshot): void {
    this.requested = false
    if (this.running || this.stopped || this.loose === 0) return
    this.clearTimers()
    this.running = this.write(this.options.shared ? undefined : snapshot()).finally(() => {
      this.running = undefined
      if (this.loose > 0 && !this.stopped) this.schedule()
    })
  }

  /** Stops scheduling; resolves once a running compaction has ended. */
  async stop(): Promise<void> {
    this.stopped = true
    this.clearTimers()
    await this.running
  }

  /**
   * For an unloading room: stops, waits for a running compaction, then writes `snapshot()` if
   * any row is still loose. Rejects if that write fails (every row is still stored then).
   */
  async finish(snapshot: () => Snapshot): Promise<void> {
    await this.stop()
    if (this.loose > 0) await this.replace(this.options.shared ? undefined : snapshot())
  }

  /** Writes `snapshot`, or without one the merge of the stored rows (see `shared`). */
  private async write(snapshot: Snapshot | undefined): Promise<void> {
    try {
      await this.replace(snapshot)
    } catch (error) {
      // Every row is still stored; compaction only saves load time, so try again later.
      this.options.log(`room ${this.options.groupId}: compaction failed: ${String(error)}`)
    }
  }

  private async replace(snapshot: Snapshot | undefined): Promise<void> {
    const rows = this.rows
    const loose = this.loose
    if (snapshot) {
      await this.options.store.replace(this.options.groupId, snapshot.state, snapshot.upTo)
    } else if (!(await this.replaceFromStore())) {
      // Another node is compacting the group (or the lease is out of reach): try again later.
      return
    }
    // Rows appended while it ran are not in the snapshot and stay loose.
    this.rows = this.rows - rows + 1
    this.loose -= loose
    this.options.log(`room ${this.options.groupId}: compacted ${rows} rows`)
  }

  /**
   * Merges the stored rows into one, under the lease. The read is one snapshot of the store and
   * `replace` swaps only the rows it read, so rows appended meanwhile, by any node, stay.
   */
  private async replaceFromStore(): Promise<boolean> {
    const { groupId, store, shared } = this.options
    return (shared as CompactionLease).run(groupId, async () => {
      const { updates, position } = await store.read(groupId)
      if (updates.length > 1) await store.replace(groupId, Y.mergeUpdates(updates), position)
    })
  }

  private schedule(): void {
    if (this.stopped || this.running || this.requested) return
    if (this.rows > this.options.policy.maxRows) {
      this.due()
      return
    }
    clearTimeout(this.quietTimer)
    this.quietTimer = setTimeout(this.due, this.options.policy.quietMs)
    this.maxTimer ??= setTimeout(this.due, this.options.policy.maxDelayMs)
  }

  private readonly due = (): void => {
    this.clearTimers()
    if (this.stopped || this.running || this.requested) return
    this.requested = true
    this.options.onDue()
  }

  private clearTimers(): void {
    clearTimeout(this.quietTimer)
    clearTimeout(this.maxTimer)
    this.quietTimer = undefined
    this.maxTimer = undefined
  }
}
