import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { AwarenessOwners } from './awareness-owners'
import type { RoomMember } from './room-member'
import {
  decodeAwarenessEntries,
  encodeAwareness,
  encodeAwarenessEntries,
  type AwarenessEntry,
} from './protocol'
import { PresenceAcrossNodes } from './room-presence-nodes'

/**
 * How long presence changes are gathered before they go out, as one message per member for all
 * of them: every message saved also saves the echo each member's stock client answers it with.
 * A cursor 50 ms late is not noticed; in a group of 200 that is hundreds of frames saved.
 */
export const PRESENCE_WINDOW_MS = 50

/** What {@link RoomPresence} needs from its room. */
export interface RoomPresenceHooks {
  /** Sends a presence message to every greeted member, the sender included. */
  broadcast(message: Uint8Array): void
  /**
   * Passes a presence change of this node's members (an awareness update) on to the other
   * nodes, if any; changes that came from them are never passed back.
   */
  publish?(update: Uint8Array): void
}

/** The origin of presence changes that came from other nodes. */
const REMOTE = Symbol('remote presence')

/**
 * The presence of a room's members: who speaks for which awareness client id, and the relay of
 * changes. Presence is never stored, so it goes out without waiting for the disk.
 *
 * The stock client sends back every presence change it receives, so in a group of n members
 * each change comes back n - 1 times. Those echoes are recognised from their bytes, without
 * parsing their JSON ({@link isHeld}), and change and send nothing; and changes are sent in
 * windows of {@link PRESENCE_WINDOW_MS}, so that fewer messages draw fewer echoes.
 */
export class RoomPresence {
  /** Presence of the room's members; never persisted. */
  readonly awareness: awarenessProtocol.Awareness
  /** Who may speak for each awareness client id; a member's ids are removed when it leaves. */
  private readonly owners = new AwarenessOwners()
  /** With several nodes: which ids are this node's members' and which another node's. */
  private readonly nodes = new PresenceAcrossNodes()
  /** The state held for each client id, at its clock, as the room encodes and sends it. */
  private readonly held = new Map<number, { clock: number; state: Buffer }>()
  /** Clients changed since the last presence message, sent together when the window ends. */
  private changed = new Set<number>()
  private window: ReturnType<typeof setTimeout> | undefined
  private windowEnded: Promise<void> = Promise.resolve()
  private endWindow = () => {}

  constructor(
    doc: Y.Doc,
    private readonly hooks: RoomPresenceHooks,
    private readonly windowMs = PRESENCE_WINDOW_MS,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server announces no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relay)
  }

  /**
   * True when `state` (a JSON text as the protocol encodes it) at `clock` is exactly what the
   * room holds for `clientId` at that clock: an echo, already checked when it first came.
   */
  readonly isHeld = (clientId: number, clock: number, state: Uint8Array): boolean => {
    const held = this.held.get(clientId)
    return held !== undefined && held.clock === clock && held.state.equals(state)
  }

  /** Every known state, as a presence message (for a greeting or a query). */
  encodeAll(): Uint8Array {
    return encodeAwareness(this.awareness)
  }

  /** True when some member has presence. */
  get isEmpty(): boolean {
    return this.awareness.getStates().size === 0
  }

  /**
   * Applies the entries `from` may speak for (see {@link AwarenessOwners}); the others are
   * dropped.
   */
  apply(from: RoomMember, entries: AwarenessEntry[]): void {
    const own = entries.filter((entry) => this.mayApply(from, entry))
    if (own.length === 0) return
    from.presenceAccepted?.()
    const update = encodeAwarenessEntries(own)
    this.nodes.noteLocal(from, own)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, from)
    this.hooks.publish?.(update)
  }

  /**
   * Applies the presence of another node's members, as that node checked it; it goes to this
   * node's members like any change, and is never passed back.
   */
  applyRemote(update: Uint8Array): void {
    try {
      const entries = decodeAwarenessEntries(update)
      this.nodes.noteRemote(entries, (id) => this.awareness.meta.get(id)?.clock)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
    } catch {
      // A garbled entry in the shared stream: presence is ephemeral and is sent again soon.
    }
  }

  /**
   * The presence of this node's members as an awareness update, for a node that asks
   * (undefined if none); what this node holds of other nodes' members is theirs to send.
   */
  encodeLocalUpdate(): Uint8Array | undefined {
    const states = this.awareness.getStates()
    const clients = this.nodes.localIds().filter((id) => states.has(id))
    if (clients.length === 0) return undefined
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
  }

  /** Resolves once every presence change so far has been sent. */
  sent(): Promise<void> {
    return this.windowEnded
  }

  /** Removes a departed member's presence, or passes an id on to its heir's newer state. */
  removeOf(member: RoomMember): void {
    this.nodes.left(member)
    const { removed, handedOver } = this.owners.release(member)
    // A removal at the clock the others hold: y-protocols applies a null state at an equal clock.
    const gone: AwarenessEntry[] = []
    for (const clientId of removed) {
      const clock = this.awareness.meta.get(clientId)?.clock
      if (clock !== undefined && this.awareness.states.has(clientId)) {
        gone.push({ clientId, clock, state: null })
      }
    }
    awarenessProtocol.removeAwarenessStates(this.awareness, removed, null)
    if (gone.length > 0) this.hooks.publish?.(encodeAwarenessEntries(gone))
    for (const heir of handedOver) {
      const update = encodeAwarenessEntries([heir.entry])
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, heir.member)
      this.hooks.publish?.(update)
    }
  }

  destroy(): void {
    clearTimeout(this.window)
    this.endWindow()
    this.awareness.off('update', this.relay)
    this.awareness.destroy()
  }

  private mayApply(from: RoomMember, entry: AwarenessEntry): boolean {
    if (entry.clientId === this.awareness.clientID) return false
    const known = this.awareness.meta.get(entry.clientId)?.clock
    const newer = known === undefined || entry.clock > known
    return this.nodes.mayTake(from, entry, newer) && this.owners.accept(from, entry, newer)
  }

  /** Another node let ids go: a member here that sent a newer state for one takes it now. */
  private handOver(removed: number[]): void {
    for (const heir of this.nodes.removed(removed)) {
      if (!this.owners.accept(heir.member, heir.entry, true)) continue
      this.nodes.noteLocal(heir.member, [heir.entry])
      const update = encodeAwarenessEntries([heir.entry])
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, heir.member)
      this.hooks.publish?.(update)
    }
  }

  /** Presence goes to every member, the sender included: the echo keeps its connection alive. */
  private readonly relay = (changes: {
    added: number[]
    updated: number[]
    removed: number[]
  }): void => {
    // After this change is relayed: applying an heir's state is a change of its own.
    if (changes.removed.length > 0) queueMicrotask(() => this.handOver(changes.removed))
    const clients = [...changes.added, ...changes.updated, ...changes.removed]
    for (const client of clients) {
      const clock = this.awareness.meta.get(client)?.clock ?? 0
      // As encodeAwarenessUpdate writes it, so that the clients' echoes match it byte for byte.
      const state = JSON.stringify(this.awareness.getStates().get(client) ?? null)
      this.held.set(client, { clock, state: Buffer.from(state) })
    }
    for (const client of clients) this.changed.add(client)
    if (this.window !== undefined) return
    this.windowEnded = new Promise((resolve) => (this.endWindow = resolve))
    this.window = setTimeout(this.send, this.windowMs)
  }

  private readonly send = (): void => {
    this.window = undefined
    const clients = [...this.changed]
    this.changed.clear()
    if (clients.length > 0) this.hooks.broadcast(encodeAwareness(this.awareness, clients))
    this.endWindow()
  }
}
