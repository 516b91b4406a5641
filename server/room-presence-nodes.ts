import type { AwarenessHeir } from './awareness-owners'
import type { AwarenessEntry } from './protocol'
import type { RoomMember } from './room-member'

/**
 * Whose presence a room holds when there are several nodes: ids its own members speak for, and
 * ids another node's members speak for. {@link AwarenessOwners} keeps a member from taking an
 * id another member of the same node speaks for; this does the same across nodes, since each
 * node only knows its own members: an id a member of another node holds cannot be taken here,
 * and a newer state sent for it here is kept, as an heir, until that node lets the id go (its
 * member left, or its presence timed out when the node died).
 */
export class PresenceAcrossNodes {
  private readonly local = new Map<number, RoomMember>()
  private readonly remote = new Set<number>()
  private readonly heirs = new Map<number, AwarenessHeir>()

  /** `member` here spoke for these ids. */
  noteLocal(member: RoomMember, entries: readonly AwarenessEntry[]): void {
    for (const entry of entries) this.local.set(entry.clientId, member)
  }

  /**
   * Another node sent these entries; `known` gives the clock held for an id. An id no member
   * here speaks for, announced at a newer clock, is another node's from now on.
   */
  noteRemote(entries: readonly AwarenessEntry[], known: (clientId: number) => number | undefined) {
    for (const { clientId, clock, state } of entries) {
      if (state === null || this.local.has(clientId)) continue
      const held = known(clientId)
      if (held === undefined || clock > held) this.remote.add(clientId)
    }
  }

  /**
   * False when `entry` is for an id another node's member holds: it is refused, and kept as
   * the heir of that id if it is a newer state.
   */
  mayTake(member: RoomMember, entry: AwarenessEntry, newer: boolean): boolean {
    if (!this.remote.has(entry.clientId)) return true
    if (newer && entry.state !== null) this.heirs.set(entry.clientId, { member, entry })
    return false
  }

  /** These ids left the room's presence; returns the heirs of those another node held. */
  removed(clientIds: readonly number[]): AwarenessHeir[] {
    const handedOver: AwarenessHeir[] = []
    for (const id of clientIds) {
      if (!this.remote.delete(id)) continue
      const heir = this.heirs.get(id)
      this.heirs.delete(id)
      if (heir) handedOver.push(heir)
    }
    return handedOver
  }

  /** A member here left: forget its ids and what it sent for others'. */
  left(member: RoomMember): void {
    for (const [id, owner] of this.local) if (owner === member) this.local.delete(id)
    for (const [id, heir] of this.heirs) if (heir.member === member) this.heirs.delete(id)
  }

  /** The ids members here speak for. */
  localIds(): number[] {
    return [...this.local.keys()]
  }
}
