import { Room } from './room'
import type { RoomMember } from './room-member'
import type { DocStore } from './store/doc-store'
import type { CompactionPolicy } from './store/compactor'
import type { Fanout } from './fanout/fanout'

/** Options of a {@link RoomRegistry}. */
export interface RoomRegistryOptions {
  store: DocStore
  log: (line: string) => void
  /** How long an empty room stays loaded before it is compacted and dropped. */
  idleUnloadMs: number
  /** When rooms compact their stored updates; see docs/storage.md. */
  compaction?: Partial<CompactionPolicy>
  /** Other nodes on the same store, if any (see server/fanout/fanout.ts). */
  fanout?: Fanout
}

/**
 * The loaded rooms of one server, by group id. A room is made on the first join and forgotten
 * the moment it starts unloading, so a join that arrives during an unload gets a fresh room
 * that loads from the store (which by then holds every update of the old one).
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  /** Rooms that left `rooms` but may still be writing their compacted state. */
  private readonly unloading = new Set<Room>()

  constructor(private readonly options: RoomRegistryOptions) {}

  /** Number of rooms currently loaded. */
  get size(): number {
    return this.rooms.size
  }

  /** Puts a member into the room of `groupId`, loading the room if needed. */
  join(groupId: string, member: RoomMember): Room {
    let room = this.rooms.get(groupId)
    if (!room?.isOpen) {
      const created: Room = new Room({
        groupId,
        store: this.options.store,
        log: this.options.log,
        idleUnloadMs: this.options.idleUnloadMs,
        compaction: this.options.compaction,
        fanout: this.options.fanout,
        onClosed: () => {
          if (this.rooms.get(groupId) === created) this.rooms.delete(groupId)
          this.unloading.add(created)
          void created.settled().then(() => this.unloading.delete(created))
        },
      })
      room = created
      this.rooms.set(groupId, room)
    }
    room.join(member)
    return room
  }

  /** Disconnects everyone and unloads every room; resolves when all of them are stored. */
  async closeAll(): Promise<void> {
    const open = [...this.rooms.values()].map((room) => room.shutdown())
    const closing = [...this.unloading].map((room) => room.settled())
    await Promise.all([...open, ...closing])
  }
}
