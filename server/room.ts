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
}

interface MemberState {
  /** True once the member has been sent the room's sync step 1, i.e. after the load. */
  greeted: boolean
  /** True once one of its frames was refused; its later frames are ignored. */
  refused: boolean
}

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
    this.members.set(member, { greeted: false, refused: false })
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
      if (!this.members.delete(member)) return
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
        // Read-only members still sync and show presence; their edits stay on their device.
        if (member.canWrite && !this.applyUpdate(member, message.update, batch)) {
          this.refuse(member, state)
        }
        if (this.hasPending()) {
          // Yjs parks what it cannot attach yet; that part is never stored, yet the doc would
          // hand it to joiners and to a snapshot (a garbled one makes the group unreadable).
          // Drop it and refuse the sender, whose client sends it again with what it builds on
          // once it reconnects; what did attach is stored and relayed like any change. Only
          // this update can be parked: every earlier one that left anything was dropped too.
          this.doc.store.pendingStructs = null
          this.doc.store.pendingDs = null
          this.refuse(member, state)
        }
      } else if (message.type === 'sync-step-1') {
        if (!(await this.store(batch))) return
        member.send(encodeSyncStep2(this.doc, message.stateVector), true)
      } else if (message.type === 'awareness') {
        this.applyAwareness(member, message.entries)
      } else if (message.type === 'query-awareness') {
        member.send(encodeAwareness(this.awareness), true)
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
