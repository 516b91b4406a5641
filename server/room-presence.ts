import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { AwarenessOwners } from './awareness-owners'
import type { RoomMember } from './room-member'
import { encodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from './protocol'

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
}

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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), from)
  }

  /** Resolves once every presence change so far has been sent. */
  sent(): Promise<void> {
    return this.windowEnded
  }

  /** Removes a departed member's presence, or passes an id on to its heir's newer state. */
  removeOf(member: RoomMember): void {
    const { removed, handedOver } = this.owners.release(member)
    awarenessProtocol.removeAwarenessStates(this.awareness, removed, null)
    for (const heir of handedOver) {
      const update = encodeAwarenessEntries([heir.entry])
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, heir.member)
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
    return this.owners.accept(from, entry, known === undefined || entry.clock > known)
  }

  /** Presence goes to every member, the sender included: the echo keeps its connection alive. */
  private readonly relay = (changes: {
    added: number[]
    updated: number[]
    removed: number[]
  }): void => {
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
