import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { DocStore } from './store/doc-store'
import { AwarenessOwners } from './awareness-owners'
import { CLOSE_CODES, type RoomMember } from './room-member'
import { handleMessage } from './room-messages'
import {
  decodeAwarenessEntries,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeUpdate,
  type AwarenessEntry,
} from './protocol'

/** Options of a {@link Room}. */
export interface RoomOptions {
  groupId: string
  store: DocStore
  log: (line: string) => void
  /** How long an empty room stays loaded, so a quick reconnect finds it warm. */
  idleUnloadMs: number
  /** Called once, when the room stops accepting members (unloading or failed). */
  onClosed: () => void
}

interface MemberState {
  /** True once the member has been sent the room's sync step 1, i.e. after the load. */
  greeted: boolean
}

/**
 * One group's document while anyone is connected to it. Every event (the load, each message,
 * joins, leaves, the unload) runs through one promise queue, so no message is answered before
 * the stored state is in the doc, and nobody sees an update before the store has it.
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
  private state: 'open' | 'closing' | 'closed' = 'open'
  private needsCompaction = false
  private idleTimer: ReturnType<typeof setTimeout> | undefined

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
    this.members.set(member, { greeted: false })
    this.enqueue(() => {
      const state = this.members.get(member)
      if (!state) return
      state.greeted = true
      member.send(encodeSyncStep1(this.doc))
      if (this.awareness.getStates().size > 0) member.send(encodeAwareness(this.awareness))
    })
  }

  /** Handles one frame from a member, after everything that arrived before it. */
  receive(member: RoomMember, message: Uint8Array): void {
    this.enqueue(() => handleMessage(this, member, message))
  }

  /** Removes a member after its queued messages, and unloads the room if it was the last. */
  leave(member: RoomMember): void {
    this.enqueue(() => {
      if (!this.members.delete(member)) return
      this.removePresenceOf(member)
      if (this.members.size === 0) this.scheduleUnload()
    })
  }

  /**
   * Applies a member's update: stores what it changed, then fans that out. A duplicate changes
   * nothing and is neither stored nor sent. Throws on a malformed update, after storing and
   * sending whatever part of it Yjs did integrate.
   */
  async applyUpdate(from: RoomMember, update: Uint8Array): Promise<void> {
    const changes: Uint8Array[] = []
    const collect = (change: Uint8Array) => changes.push(change)
    this.doc.on('update', collect)
    let failure: unknown
    try {
      Y.applyUpdate(this.doc, update, from)
    } catch (error) {
      failure = error
    } finally {
      this.doc.off('update', collect)
    }
    if (changes.length > 0) {
      const change = changes.length === 1 ? (changes[0] as Uint8Array) : Y.mergeUpdates(changes)
      try {
        await this.options.store.append(this.options.groupId, change)
      } catch (error) {
        // The doc now holds a change the store lacks: drop the doc rather than serve it.
        this.fail(error)
        return
      }
      this.needsCompaction = true
      const message = encodeUpdate(change)
      for (const [member, state] of this.members) {
        if (member !== from && state.greeted) member.send(message)
      }
    }
    if (failure !== undefined) throw failure
  }

  /**
   * Applies the entries of a member's awareness update that it may speak for (see
   * {@link AwarenessOwners}); the others are dropped. Throws on a malformed update, before
   * applying any of it.
   */
  applyAwareness(from: RoomMember, update: Uint8Array): void {
    const own = decodeAwarenessEntries(update).filter((entry) => this.mayApply(from, entry))
    if (own.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), from)
    }
  }

  /** Resolves when everything queued so far has run (a queued unload included). */
  settled(): Promise<void> {
    return this.queue
  }

  /** Unloads at once, whatever the idle delay: for server shutdown. Resolves when stored. */
  shutdown(): Promise<void> {
    clearTimeout(this.idleTimer)
    for (const member of this.members.keys()) member.close(CLOSE_CODES.goingAway, 'shutdown')
    this.members.clear()
    this.enqueue(() => this.unload())
    return this.queue
  }

  private enqueue(task: () => void | Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.state === 'closed' ? undefined : task()))
      .catch((error: unknown) => this.fail(error))
  }

  private async load(): Promise<void> {
    const rows = await this.options.store.load(this.options.groupId)
    Y.transact(this.doc, () => {
      for (const row of rows) Y.applyUpdate(this.doc, row)
    })
    this.needsCompaction = rows.length > 1
    this.options.log(`room ${this.options.groupId}: loaded ${rows.length} stored updates`)
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
      if (this.needsCompaction) {
        await this.options.store.replace(this.options.groupId, Y.encodeStateAsUpdate(this.doc))
      }
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
    clearTimeout(this.idleTimer)
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
