import type { AwarenessEntry } from './protocol'
import type { RoomMember } from './room-member'

/**
 * How many awareness client ids one connection may speak for. The stock client uses one per
 * provider (its doc's client id); a few more leave room for a tab that swaps its doc.
 */
export const MAX_AWARENESS_IDS_PER_MEMBER = 4

/** A newer state for an owned id, sent by another member: kept in case the owner leaves. */
export interface AwarenessHeir {
  member: RoomMember
  entry: AwarenessEntry
}

/** What freeing a departed member's ids gives: ids to remove, and ids passed on to an heir. */
export interface ReleasedIds {
  removed: number[]
  handedOver: AwarenessHeir[]
}

/**
 * Which member of a room speaks for each awareness client id. The awareness protocol lets any
 * sender set or remove the state of any id; binding an id to the connection that first
 * announced it keeps a member, a read-only one included, from forging or erasing another
 * member's presence, and the cap keeps one connection from filling the room with made-up ids.
 */
export class AwarenessOwners {
  private readonly ownerOf = new Map<number, RoomMember>()
  private readonly idsOf = new Map<RoomMember, Set<number>>()
  private readonly heirs = new Map<number, AwarenessHeir>()

  constructor(private readonly maxIdsPerMember = MAX_AWARENESS_IDS_PER_MEMBER) {}

  /**
   * True when `member` may apply `entry`: it owns the id, or the id is free and the entry
   * announces a state `newer` than any the room has had for it, and the member is under its
   * cap; the id is then bound to it until it leaves. Removals and stale states never claim an
   * id, because the stock client echoes every awareness change it receives, other members'
   * included. A newer state for another member's id is refused but kept: it is how a client
   * that reconnected before its old socket was dropped speaks, and it gets the id when the old
   * socket goes.
   */
  accept(member: RoomMember, entry: AwarenessEntry, newer: boolean): boolean {
    const owner = this.ownerOf.get(entry.clientId)
    if (owner === member) {
      this.heirs.delete(entry.clientId)
      return true
    }
    if (!newer || entry.state === null) return false
    if (owner !== undefined) {
      this.heirs.set(entry.clientId, { member, entry })
      return false
    }
    return this.bind(member, entry.clientId)
  }

  /**
   * Frees the ids of a member that left. Each goes to its heir, the member that last sent a
   * newer state for it, if any (that state is then to be applied), or else is to be removed.
   */
  release(member: RoomMember): ReleasedIds {
    for (const [id, heir] of this.heirs) if (heir.member === member) this.heirs.delete(id)
    const released: ReleasedIds = { removed: [], handedOver: [] }
    for (const id of this.idsOf.get(member) ?? []) {
      this.ownerOf.delete(id)
      const heir = this.heirs.get(id)
      this.heirs.delete(id)
      if (heir && this.bind(heir.member, id)) released.handedOver.push(heir)
      else released.removed.push(id)
    }
    this.idsOf.delete(member)
    return released
  }

  private bind(member: RoomMember, id: number): boolean {
    const ids = this.idsOf.get(member) ?? new Set<number>()
    if (ids.size >= this.maxIdsPerMember) return false
    ids.add(id)
    this.idsOf.set(member, ids)
    this.ownerOf.set(id, member)
    return true
  }
}
