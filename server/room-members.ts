import * as Y from 'yjs'
import { CLOSE_CODES, type RoomMember } from './room-member'
import { addClocks, decodeRoomMessage, type Clocks, type RoomMessage } from './room-messages'
import { dropParkedOf, hasParked, parkedExtent, parkedMore } from './room-parking'
import type { RoomPresence } from './room-presence'

/** What {@link RoomMembers} needs from its room. */
export interface RoomMembersHooks {
  /** The room's document, which members' updates change. */
  doc: Y.Doc
  presence: RoomPresence
  /** Runs `task` in the room's queue, after everything queued before it. */
  enqueue(task: () => void): void
  /** How long a syncing member's update may wait for what it builds on. */
  parkedMs: number
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

/**
 * The members of a room and what each has sent: whether it was greeted, refused, or has an
 * update waiting (parked by Yjs) for what it builds on. Applies their messages to the doc,
 * inside the room's drain, and refuses a member (closes its connection) on a malformed frame
 * or an update that can never attach.
 */
export class RoomMembers {
  private readonly states = new Map<RoomMember, MemberState>()

  constructor(private readonly hooks: RoomMembersHooks) {}

  /** How many members are in the room, greeted or not. */
  get size(): number {
    return this.states.size
  }

  /** Adds a member, not yet greeted. */
  add(member: RoomMember): void {
    this.states.set(member, { greeted: false, refused: false, syncing: true, parked: false })
  }

  /** Marks a member greeted; false if it left meanwhile. */
  greet(member: RoomMember): boolean {
    const state = this.states.get(member)
    if (state) state.greeted = true
    return state !== undefined
  }

  /** Removes a member and its presence; false if it was not in the room. */
  remove(member: RoomMember): boolean {
    const state = this.states.get(member)
    if (!state || !this.states.delete(member)) return false
    // What it parked builds on its offline edits, which will not come now.
    if (state.parked) this.dropParked()
    this.hooks.presence.removeOf(member)
    return true
  }

  /** Closes every member's connection with `code` (they leave later, one by one). */
  closeAll(code: number, reason: string): void {
    for (const member of this.states.keys()) member.close(code, reason)
  }

  /** Forgets every member at once (shutdown, failure). */
  clear(): void {
    this.states.clear()
  }

  /** The members sent to: those greeted, i.e. with the stored state. */
  *greeted(): Iterable<RoomMember> {
    for (const [member, state] of this.states) if (state.greeted) yield member
  }

  /** The decoded frame of a member still in the room, or undefined (then it is refused). */
  decode(member: RoomMember, frame: Uint8Array): RoomMessage | undefined {
    const state = this.states.get(member)
    if (!state || state.refused) return undefined
    try {
      return decodeRoomMessage(frame, this.hooks.presence.isHeld)
    } catch {
      this.refuse(member, state)
      return undefined
    }
  }

  /** Handles one message other than a sync step 1, inside the drain's transaction. */
  handle(member: RoomMember, message: RoomMessage, writers: Map<RoomMember, Clocks>): void {
    const state = this.states.get(member)
    if (!state || state.refused) return
    const { doc } = this.hooks
    if (message.type === 'update') {
      const before = parkedExtent(doc)
      // Read-only members still sync and show presence; their edits stay on their device.
      if (member.canWrite) {
        const clocks = writers.get(member)
        if (clocks) addClocks(clocks, message.clocks)
        else writers.set(member, new Map(message.clocks))
        if (!applyUpdate(doc, member, message.update)) this.refuse(member, state)
      }
      const parkedNow = parkedMore(doc, before)
      if (message.step2) state.syncing = false
      if (!hasParked(doc)) {
        // Whatever was parked has attached (and is part of the transaction's update).
        this.attached()
      } else if (parkedNow && state.syncing && !state.refused) {
        // A stock client that edits as it reconnects sends that edit before its step 2,
        // which carries the offline edits it builds on: let it wait for them.
        this.park(state)
      } else if (parkedNow || (message.step2 && state.parked)) {
        // Nothing more is coming that what waits could build on.
        if (parkedNow) this.refuse(member, state)
        this.dropParked()
      }
    } else if (message.type === 'awareness') {
      this.hooks.presence.apply(member, message.entries)
    } else if (message.type === 'query-awareness') {
      member.reply(() => this.hooks.presence.encodeAll())
    }
  }

  /** Nothing is parked any more (it attached): no member has an update waiting. */
  attached(): void {
    for (const state of this.states.values()) state.parked = false
  }

  /**
   * Drops what Yjs parked (never stored: it would reach joiners and snapshots, and a garbled
   * one makes the group unreadable) and refuses the members it came from, whose clients send it
   * again, with what it builds on, once they reconnect.
   */
  dropParked(): void {
    dropParkedOf(this.hooks.doc)
    for (const [member, state] of this.states) {
      if (!state.parked) continue
      state.parked = false
      this.refuse(member, state)
    }
  }

  /** A member sent a malformed frame: close its connection; the room carries on. */
  private refuse(member: RoomMember, state: MemberState): void {
    state.refused = true
    member.close(CLOSE_CODES.invalidData, 'malformed message')
  }

  /**
   * Lets a syncing member's update wait for what it builds on, for at most `parkedMs`: Yjs keeps
   * it aside and attaches it when the member's step 2 brings the rest.
   */
  private park(state: MemberState): void {
    if (state.parked) return
    state.parked = true
    setTimeout(() => {
      this.hooks.enqueue(() => {
        if (state.parked && hasParked(this.hooks.doc)) this.dropParked()
      })
    }, this.hooks.parkedMs)
  }
}

/**
 * Applies a member's update to `doc`, inside the drain's transaction; a duplicate changes
 * nothing. False if Yjs threw, after integrating whatever part of the update it could, which
 * is then stored like any change.
 */
function applyUpdate(doc: Y.Doc, from: RoomMember, update: Uint8Array): boolean {
  try {
    Y.applyUpdate(doc, update, from)
    return true
  } catch {
    return false
  }
}
