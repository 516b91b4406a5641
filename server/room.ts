import * as Y from 'yjs'
import type { Fanout, FanoutListener, FanoutSubscription } from './fanout/fanout'
import type { DocStore } from './store/doc-store'
import {
  Compactor,
  DEFAULT_COMPACTION_POLICY,
  type CompactionPolicy,
  type Snapshot,
} from './store/compactor'
import { CLOSE_CODES, type RoomMember } from './room-member'
import { UpdateBatch } from './room-messages'
import { changeTogether, mayChangeDoc, type Inbound } from './room-drain'
import { RoomOutbox } from './room-outbox'
import { RoomMembers } from './room-members'
import { hasParked, syncStep2WithoutParked } from './room-parking'
import { RoomPresence } from './room-presence'
import { applyStoredUpdates } from './room-remote'
import { encodeSyncStep1 } from './protocol'

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
  /**
   * Other nodes serving the same store: stored changes and presence go to them, and theirs
   * come in (see server/fanout/fanout.ts). Without it the room is the group's only writer.
   */
  fanout?: Fanout
}

/** How long a syncing member's update may wait for what it builds on before it is refused. */
const PARKED_MS = 10_000

/**
 * One group's document while anyone is connected to it. Every event (the load, joins, leaves,
 * batches of messages, compaction snapshots, the unload) runs through one promise queue, so no
 * message is answered before the stored state is in the doc. Frames that arrive together (in
 * one event-loop turn) are handled as one task: their document changes are stored as one append
 * and sent as one message per member, through the {@link RoomOutbox}, which sends nothing
 * before the store has it; the room goes on with its next frames while the disk syncs.
 */
export class Room {
  /** The group's document, as loaded from the store plus every update applied since. */
  readonly doc = new Y.Doc()
  private readonly presence = new RoomPresence(this.doc, {
    broadcast: (message) => {
      for (const member of this.members.greeted()) member.send(message)
    },
    publish: (update) => this.remote?.publish('awareness', update),
  })
  private readonly members: RoomMembers
  private readonly outbox = new RoomOutbox({
    append: (update) => this.options.store.append(this.options.groupId, update),
    onStored: (position) => {
      this.position = position
      this.compactor?.noteAppend()
    },
    recipients: () => this.members.greeted(),
    onError: (error) => this.fail(error),
    onSent: (update) => this.remote?.publish('update', update),
  })
  private queue: Promise<void>
  /** Frames for the drain task at the end of the queue; a new task starts a new inbox. */
  private inbox: Inbound[] | undefined
  private state: 'open' | 'closing' | 'closed' = 'open'
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  /** Store position of the last update in the doc: what a snapshot of the doc covers. */
  private position = 0
  private compactor: Compactor | undefined
  /** The room's place in the fan-out to other nodes, if there are any. */
  private remote: FanoutSubscription | undefined

  constructor(private readonly options: RoomOptions) {
    this.members = new RoomMembers({
      doc: this.doc,
      presence: this.presence,
      enqueue: (task) => this.enqueue(task),
      parkedMs: options.parkedMs ?? PARKED_MS,
    })
    this.queue = this.load()
  }

  /** True once the room unloaded or failed; nothing it holds may be used then. */
  private get closed(): boolean {
    return this.state === 'closed'
  }

  /** Presence of the room's members; never persisted. */
  get awareness(): RoomPresence['awareness'] {
    return this.presence.awareness
  }

  /** False once the room unloads or fails; the registry then makes a new one. */
  get isOpen(): boolean {
    return this.state === 'open'
  }

  /** Adds a member; it is greeted (sync step 1, presence) once the stored state is loaded. */
  join(member: RoomMember): void {
    clearTimeout(this.idleTimer)
    this.members.add(member)
    this.enqueue(() => {
      if (!this.members.greet(member)) return
      // A state vector holds no content: it may cover changes whose sync is still running.
      member.send(encodeSyncStep1(this.doc))
      if (!this.presence.isEmpty) member.send(this.presence.encodeAll())
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
      if (this.members.remove(member) && this.members.size === 0) this.scheduleUnload()
    })
  }

  /** Resolves when everything queued so far has run (a queued unload included) and is sent. */
  async settled(): Promise<void> {
    await this.queue
    await this.outbox.stored()
    await this.presence.sent()
  }

  /** Unloads at once, whatever the idle delay: for server shutdown. Resolves when stored. */
  shutdown(): Promise<void> {
    clearTimeout(this.idleTimer)
    this.members.closeAll(CLOSE_CODES.goingAway, 'shutdown')
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
    const { fanout } = this.options
    // Before the read: what is stored and published after it comes in from the stream.
    if (fanout) this.remote = await fanout.subscribe(this.options.groupId, this.fromOtherNodes())
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
        onDue: () => this.enqueue(() => this.compactAfterStored()),
        shared: fanout?.lease,
      },
      updates.length,
    )
    this.remote?.publish('awareness-query')
    this.options.log(`room ${this.options.groupId}: loaded ${updates.length} stored updates`)
  }

  /**
   * Handles the frames in `inbox` in arrival order, after waiting one turn of the event loop
   * for more. Document changes are gathered and committed once, at the end and before a sync
   * step 1, whose answer waits until everything before it is stored; awareness, which the store
   * never sees, goes out by itself, in presence windows.
   */
  private async drain(inbox: Inbound[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    if (this.inbox === inbox) this.inbox = undefined
    let next = 0
    while (next < inbox.length && !this.closed) {
      const batch = new UpdateBatch()
      let stepOne: { member: RoomMember; stateVector: Uint8Array } | undefined
      changeTogether(this.doc, batch, mayChangeDoc(inbox, next), (writers) => {
        for (; next < inbox.length && !stepOne; next++) {
          const { member, frame } = inbox[next] as Inbound
          const message = this.members.decode(member, frame)
          if (message?.type === 'sync-step-1') stepOne = { member, ...message }
          else if (message) this.members.handle(member, message, writers)
        }
      })
      this.outbox.commit(batch)
      if (!stepOne) break
      await this.outbox.stored()
      if (this.closed) return
      const { stateVector } = stepOne
      stepOne.member.reply(() => syncStep2WithoutParked(this.doc, stateVector))
    }
  }

  /** What the room does with what other nodes send; each runs as a task of its own. */
  private fromOtherNodes(): FanoutListener {
    return {
      update: (update) => this.enqueue(() => this.applyStored([update], true)),
      awareness: (update) => this.enqueue(() => this.presence.applyRemote(update)),
      awarenessQuery: () =>
        this.enqueue(() => {
          const own = this.presence.encodeLocalUpdate()
          if (own) this.remote?.publish('awareness', own)
        }),
      resync: () => this.enqueue(() => this.resync()),
    }
  }

  /**
   * Applies updates that are stored already (another node's, or the store's rows) and sends the
   * members whatever in them is new to the room. If the room holds a member's parked update,
   * they may complete it: then the change goes to the store like a member's own, since the part
   * that attached is stored nowhere yet.
   */
  private applyStored(updates: Uint8Array[], fromStream: boolean): void {
    const parkedBefore = hasParked(this.doc)
    const { batch, parkedNow } = applyStoredUpdates(this.doc, updates)
    if (!hasParked(this.doc)) this.members.attached()
    if (parkedBefore) this.outbox.commit(batch)
    else this.outbox.relay(batch)
    if (fromStream) this.compactor?.noteAppend()
    // It builds on an update this node never got (Redis lost it): the store has that one.
    if (parkedNow && fromStream) this.enqueue(() => this.resync())
  }

  /** Messages from other nodes may have been missed: take what the store has. */
  private async resync(): Promise<void> {
    const { updates } = await this.options.store.read(this.options.groupId)
    if (this.closed) return
    this.applyStored(updates, false)
    this.options.log(`room ${this.options.groupId}: re-read from the store (fan-out resync)`)
  }

  /** Compacts once every change in the doc is stored: a snapshot holds nothing else. */
  private async compactAfterStored(): Promise<void> {
    await this.outbox.stored()
    if (this.state === 'open') this.compactor?.start(this.snapshot)
  }

  /** The doc and the store position it covers; only called between queued tasks. */
  private readonly snapshot = (): Snapshot => {
    // Never write a snapshot holding parts that are not stored and may not even decode.
    if (hasParked(this.doc)) throw new Error('the room holds updates it could not attach')
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
    this.remote?.close()
    await this.outbox.stored()
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
    this.members.closeAll(CLOSE_CODES.internalError, 'room error')
    this.members.clear()
    this.destroy()
  }

  private destroy(): void {
    this.state = 'closed'
    this.remote?.close()
    this.inbox = undefined
    clearTimeout(this.idleTimer)
    // A compaction already writing goes on: its snapshot holds only stored updates.
    void this.compactor?.stop()
    this.presence.destroy()
    this.doc.destroy()
  }
}
