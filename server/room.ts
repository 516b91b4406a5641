import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { DocStore } from './store/doc-store'
import {
  Compactor,
  DEFAULT_COMPACTION_POLICY,
  type CompactionPolicy,
  type Snapshot,
} from './store/compactor'
import { AwarenessOwners } from './awareness-owners'
import { CLOSE_CODES, type RoomMember } from './room-member'
import { UpdateBatch, decodeRoomMessage } from './room-messages'
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  type AwarenessEntry,
} from './protocol'

/** Options of a {@link Room}. */
export interface RoomOptions {
  groupId: string
  store: DocStore
  log: (line: string) => void
  /** How long an empty room stays loaded, so a quick reconnect finds it warm. */
  idleUnloadMs: number
  /** When stored updates are merged into a snapshot while the room is loaded (defaults apply). */
  compaction?: Partial<CompactionPolicy>
  /** Called once, when the room stops accepting members (unloading or failed). */
  onClosed: () => void
  /** How long a syncing member's update may wait for what it builds on (default 10 s). */
  parkedMs?: number
}

interface MemberState {
  /** True once the member has been sent the room's sync step 1, i.e. after the load. */
  greeted: boolean
  /** True once one of its frames was refused; its later frames are ignored. */
  refused: boolean
  /**
   * True from joining until the member's sync step 2 (its answer to the room's step 1): what it
   * edited offline comes in that step 2, so an update it sends meanwhile (the stock client sends
   * one at once if an edit lands as the socket opens) may build on changes the room does not
   * have yet.
   */
  syncing: boolean
  /** True while part of an update of its waits (parked by Yjs) for what it builds on. */
  parked: boolean
}

/** How long a syncing member's update may wait for what it builds on before it is refused. */
const PARKED_MS = 10_000

/** A frame waiting for the room's next drain. */
interface Inbound {
  member: RoomMember
  frame: Uint8Array
}

/**
 * One group's document while anyone is connected to it. Every event (the load, joins, leaves,
 * batches of messages, compaction snapshots, the unload) runs through one promise queue, so no
 * message is answered before the stored state is in the doc, and nobody sees an update before
 * the store has it. Frames that arrive together (in one event-loop turn) are handled as one
 * task: their document changes are stored as one append and sent as one message per member.
 */
export class Room {
  /** The group's document, as loaded from the store plus every update stored since. */
  readonly doc = new Y.Doc()
  /** Presence of the room's members; never persisted. */
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  private readonly members = new Map<RoomMember, MemberState>()
  /** Who may speak for each awareness client id; a member's ids are removed when it leaves. */
  private readonly awarenessOwners = new AwarenessOwners()
  private queue: Promise<void>
  /** Frames for the drain task at the end of the queue; a new task starts a new inbox. */
  private inbox: Inbound[] | undefined
  private state: 'open' | 'closing' | 'closed' = 'open'
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  /** Store position of the last update in the doc: what a snapshot of the doc covers. */
  private position = 0
  private compactor: Compactor | undefined

  constructor(private readonly options: RoomOptions) {
    // The server announces no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relayAwareness)
    this.queue = this.load()
  }

  /** False once the room unloads or fails; the registry then makes a new one. */
  get isOpen(): boolean {
    return this.state === 'open'
  }

  /** Adds a member; it is greeted (sync step 1, presence) once the stored state is loaded. */
  join(member: RoomMember): void {
    clearTimeout(this.idleTimer)
    this.members.set(member, { greeted: false, refused: false, syncing: true, parked: false })
    this.enqueue(() => {
      const state = this.members.get(member)
      if (!state) return
      state.greeted = true
      member.send(encodeSyncStep1(this.doc))
      if (this.awareness.getStates().size > 0) member.send(encodeAwareness(this.awareness))
    })
  }

  /** Handles one frame from a member, after everything that arrived before it. */
  receive(member: RoomMember, frame: Uint8Array): void {
    let inbox = this.inbox
    if (!inbox) {
      const fresh: Inbound[] = []
      this.enqueue(() => this.drain(fresh))
      this.inbox = inbox = fresh
    }
    inbox.push({ member, frame })
  }

  /** Removes a member after its queued messages, and unloads the room if it was the last. */
  leave(member: RoomMember): void {
    this.enqueue(() => {
      const state = this.members.get(member)
      if (!state || !this.members.delete(member)) return
      // What it parked builds on its offline edits, which will not come now.
      if (state.parked) this.dropParked()
      this.removePresenceOf(member)
      if (this.members.size === 0) this.scheduleUnload()
    })
  }

  /** Resolves when everything queued so far has run (a queued unload included). */
  settled(): Promise<void> {
    return this.queue
  }

  /** Unloads at once, whatever the idle delay: for server shutdown. Resolves when stored. */
  shutdown(): Promise<void> {
    clearTimeout(this.idleTimer)
    for (const member of this.members.keys()) member.close(CLOSE_CODES.goingAway, 'shutdown')
    // Members stay until the frames they sent before the shutdown have been stored.
    this.enqueue(() => {
      this.members.clear()
      return this.unload()
    })
    return this.queue
  }

  private enqueue(task: () => void | Promise<void>): void {
    // Frames that arrive after this task must wait for it, in a drain of their own.
    this.inbox = undefined
    this.queue = this.queue
      .then(() => (this.state === 'closed' ? undefined : task()))
      .catch((error: unknown) => this.fail(error))
  }

  private async load(): Promise<void> {
    const { updates, position } = await this.options.store.read(this.options.groupId)
    Y.transact(this.doc, () => {
      for (const update of updates) Y.applyUpdate(this.doc, update)
    })
    this.position = position
    this.compactor = new Compactor(
      {
        groupId: this.options.groupId,
        store: this.options.store,
        policy: { ...DEFAULT_COMPACTION_POLICY, ...this.options.compaction },
        log: this.options.log,
        onDue: () => this.enqueue(() => this.compactor?.start(this.snapshot)),
      },
      updates.length,
    )
    this.options.log(`room ${this.options.groupId}: loaded ${updates.length} stored updates`)
  }

  /**
   * Handles the frames in `inbox` in arrival order, after waiting one turn of the event loop
   * for more. Document changes are gathered and stored once, before anything reads the doc
   * (a sync step 1) and at the end; awareness, which the store never sees, goes out at once.
   */
  private async drain(inbox: Inbound[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    if (this.inbox === inbox) this.inbox = undefined
    const batch = new UpdateBatch()
    for (const { member, frame } of inbox) {
      const state = this.members.get(member)
      if (!state || state.refused) continue
      let message
      try {
        message = decodeRoomMessage(frame)
      } catch {
        this.refuse(member, state)
        continue
      }
      if (message.type === 'update') {
        const before = this.parkedExtent()
        // Read-only members still sync and show presence; their edits stay on their device.
        if (member.canWrite && !this.applyUpdate(member, message.update, batch)) {
          this.refuse(member, state)
        }
        const parkedNow = this.parkedMore(before)
        if (message.step2) state.syncing = false
        if (!this.hasPending()) {
          // Whatever was parked has attached (and was collected into the batch).
          for (const other of this.members.values()) other.parked = false
        } else if (parkedNow && state.syncing && !state.refused) {
          // A stock client that edits as it reconnects sends that edit before its step 2,
          // which carries the offline edits it builds on: let it wait for them.
          this.park(state)
        } else if (parkedNow || (message.step2 && state.parked)) {
          // Nothing more is coming that what waits could build on.
          if (parkedNow) this.refuse(member, state)
          this.dropParked()
        }
      } else if (message.type === 'sync-step-1') {
        if (!(await this.store(batch))) return
        member.reply(() => this.syncStep2(message.stateVector))
      } else if (message.type === 'awareness') {
        this.applyAwareness(member, message.entries)
      } else if (message.type === 'query-awareness') {
        member.reply(() => encodeAwareness(this.awareness))
      }
    }
    await this.store(batch)
  }

  /**
   * Applies a member's update to the doc and adds what it changed (as Yjs emits it) to
   * `batch`; a duplicate changes nothing. False if Yjs threw, after adding whatever part of
   * the update it did integrate, which is then stored like any change.
   */
  private applyUpdate(from: RoomMember, update: Uint8Array, batch: UpdateBatch): boolean {
    const collect = (change: Uint8Array) => batch.add(from, change)
    this.doc.on('update', collect)
    try {
      Y.applyUpdate(this.doc, update, from)
      return true
    } catch {
      return false
    } finally {
      this.doc.off('update', collect)
    }
  }

  /**
   * Stores the changes of `batch` as one append, then sends each member the ones it did not
   * make. False if the store failed: the room is then dropped, since its doc holds a change
   * the store lacks.
   */
  private async store(batch: UpdateBatch): Promise<boolean> {
    if (batch.isEmpty) return true
    try {
      this.position = await this.options.store.append(this.options.groupId, batch.merged())
    } catch (error) {
      this.fail(error)
      return false
    }
    this.compactor?.noteAppend()
    for (const [member, state] of this.members) {
      const message = state.greeted ? batch.messageFor(member) : undefined
      if (message) member.send(message)
    }
    batch.clear()
    return true
  }

  /** A member sent a malformed frame: close its connection; the room carries on. */
  private refuse(member: RoomMember, state: MemberState): void {
    state.refused = true
    member.close(CLOSE_CODES.invalidData, 'malformed message')
  }

  /**
   * Applies the awareness entries a member may speak for (see {@link AwarenessOwners}); the
   * others are dropped.
   */
  private applyAwareness(from: RoomMember, entries: AwarenessEntry[]): void {
    const own = entries.filter((entry) => this.mayApply(from, entry))
    if (own.length > 0) {
      from.presenceAccepted?.()
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), from)
    }
  }

  /**
   * Lets a syncing member's update wait for what it builds on, for at most `parkedMs`: Yjs keeps
   * it aside and attaches it when the member's step 2 brings the rest.
   */
  private park(state: MemberState): void {
    if (state.parked) return
    state.parked = true
    setTimeout(() => {
      this.enqueue(() => {
        if (state.parked && this.hasPending()) this.dropParked()
      })
    }, this.options.parkedMs ?? PARKED_MS)
  }

  /**
   * Drops what Yjs parked (never stored: it would reach joiners and snapshots, and a garbled
   * one makes the group unreadable) and refuses the members it came from, whose clients send it
   * again, with what it builds on, once they reconnect.
   */
  private dropParked(): void {
    this.doc.store.pendingStructs = null
    this.doc.store.pendingDs = null
    for (const [member, state] of this.members) {
      if (!state.parked) continue
      state.parked = false
      this.refuse(member, state)
    }
  }

  /** What Yjs holds parked: the clocks of each client's parked structs, and parked deletes. */
  private parkedExtent(): { to: Map<number, number>; ds: Uint8Array | null } {
    const { pendingStructs, pendingDs } = this.doc.store
    // Yjs keeps what it parked in its v2 update encoding.
    const to = pendingStructs ? Y.parseUpdateMetaV2(pendingStructs.update).to : new Map()
    return { to, ds: pendingDs }
  }

  /**
   * Whether the update just applied left something parked of its own: structs past what was
   * parked before, or deletes when none were. (Another member's update that only brushes past
   * what waits, as Yjs retries it on every update, parks nothing.)
   */
  private parkedMore(before: { to: Map<number, number>; ds: Uint8Array | null }): boolean {
    const after = this.parkedExtent()
    if (after.ds !== null && before.ds === null) return true
    for (const [client, clock] of after.to) if (clock > (before.to.get(client) ?? 0)) return true
    return false
  }

  /** A sync step 2 for `stateVector`, without anything parked: only stored changes go out. */
  private syncStep2(stateVector: Uint8Array): Uint8Array {
    const { pendingStructs, pendingDs } = this.doc.store
    this.doc.store.pendingStructs = null
    this.doc.store.pendingDs = null
    try {
      return encodeSyncStep2(this.doc, stateVector)
    } finally {
      this.doc.store.pendingStructs = pendingStructs
      this.doc.store.pendingDs = pendingDs
    }
  }

  /** True when the doc holds updates Yjs could not attach yet, which are never stored. */
  private hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
  }

  /** The doc and the store position it covers; only called between queued tasks. */
  private readonly snapshot = (): Snapshot => {
    // Never write a snapshot holding parts that are not stored and may not even decode.
    if (this.hasPending()) throw new Error('the room holds updates it could not attach')
    return { state: Y.encodeStateAsUpdate(this.doc), upTo: this.position }
  }

  private scheduleUnload(): void {
    clearTimeout(this.idleTimer)
    const unload = () => this.enqueue(() => this.unload())
    if (this.options.idleUnloadMs <= 0) unload()
    else this.idleTimer = setTimeout(unload, this.options.idleUnloadMs)
  }

  private async unload(): Promise<void> {
    if (this.members.size > 0 || this.state !== 'open') return
    this.state = 'closing'
    this.options.onClosed()
    try {
      await this.compactor?.finish(this.snapshot)
    } catch (error) {
      // Every update is already stored row by row; a failed compaction only costs load time.
      this.options.log(`room ${this.options.groupId}: compaction failed: ${String(error)}`)
    }
    this.destroy()
    this.options.log(`room ${this.options.groupId}: unloaded`)
  }

  /** A load or append failed: drop the room so that the next join reloads it from the store. */
  private fail(error: unknown): void {
    if (this.state === 'closed') return
    this.options.log(`room ${this.options.groupId}: closed after error: ${String(error)}`)
    if (this.state === 'open') this.options.onClosed()
    for (const member of this.members.keys()) member.close(CLOSE_CODES.internalError, 'room error')
    this.members.clear()
    this.destroy()
  }

  private destroy(): void {
    this.state = 'closed'
    this.inbox = undefined
    clearTimeout(this.idleTimer)
    // A compaction already writing goes on: its snapshot holds only stored updates.
    void this.compactor?.stop()
    this.awareness.off('update', this.relayAwareness)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private mayApply(from: RoomMember, entry: AwarenessEntry): boolean {
    if (entry.clientId === this.awareness.clientID) return false
    const known = this.awareness.meta.get(entry.clientId)?.clock
    return this.awarenessOwners.accept(from, entry, known === undefined || entry.clock > known)
  }

  /** Removes a departed member's presence, or passes an id on to its heir's newer state. */
  private removePresenceOf(member: RoomMember): void {
    const { removed, handedOver } = this.awarenessOwners.release(member)
    awarenessProtocol.removeAwarenessStates(this.awareness, removed, null)
    for (const heir of handedOver) {
      const update = encodeAwarenessEntries([heir.entry])
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, heir.member)
    }
  }

  /** Presence goes to every member, the sender included: the echo keeps its connection alive. */
  private readonly relayAwareness = (changes: {
    added: number[]
    updated: number[]
    removed: number[]
  }): void => {
    const clients = [...changes.added, ...changes.updated, ...changes.removed]
    const message = encodeAwareness(this.awareness, clients)
    for (const [member, state] of this.members) if (state.greeted) member.send(message)
  }
}
