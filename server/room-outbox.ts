import type { RoomMember } from './room-member'
import { UpdateBatch } from './room-messages'

/** What a {@link RoomOutbox} needs from its room. */
export interface RoomOutboxHooks {
  /** Stores an update; resolves with its position once it is durable (see `DocStore.append`). */
  append(update: Uint8Array): Promise<number>
  /** An append is durable, at `position`, and about to be sent. */
  onStored(position: number): void
  /** The members to send a stored batch to: those in the room, greeted, when it is stored. */
  recipients(): Iterable<RoomMember>
  /** An append failed: the room must close, as its doc holds a change the store lacks. */
  onError(error: unknown): void
  /**
   * A committed update was stored and sent to the members: it may go to other nodes now (an
   * update that builds on it can only come back after this).
   */
  onSent?(update: Uint8Array): void
}

/** A batch on its way out, and the update to pass on to other nodes once it is sent. */
interface Outgoing {
  batch: UpdateBatch
  /** Undefined for a relayed batch, which another node stored and passed on already. */
  published: Uint8Array | undefined
}

/**
 * The document changes a room has applied, on their way to the store and then to the members.
 * Batches are stored in a pipeline: the room applies and appends its next batch while the disk
 * syncs the previous one, instead of waiting for each sync in turn. What is sent still waits
 * for its own sync, and batches go out in the order they were applied: a member is never sent a
 * change before it is durable, nor a change before one it builds on. Batches that become
 * durable together (one disk sync covers all the commits made while the previous one ran) go
 * out together, as one message per member.
 */
export class RoomOutbox {
  /** Settles once every batch committed so far is durable (or the room failed). */
  private durable: Promise<void> = Promise.resolve()
  /** Durable batches, in order, waiting for the send at the end of this turn. */
  private ready: Outgoing[] = []
  /** That send, once scheduled; settles when it has run. */
  private sending: Promise<void> | undefined
  private failed = false

  constructor(private readonly hooks: RoomOutboxHooks) {}

  /**
   * Appends the changes of `batch` at once, and sends each member the ones it did not make once
   * they are durable and every earlier batch has gone out. `batch` must not change afterwards.
   */
  commit(batch: UpdateBatch): void {
    if (batch.isEmpty) return
    const update = batch.merged()
    const appended = this.hooks.append(update)
    // Both are awaited together so that a failed append is handled even while earlier ones wait.
    this.durable = Promise.all([appended, this.durable]).then(
      ([position]) => {
        if (this.failed) return
        this.hooks.onStored(position)
        this.push({ batch, published: update })
      },
      (error: unknown) => {
        if (this.failed) return
        // Nothing committed after a failed append is sent: it may build on what was lost.
        this.failed = true
        this.ready = []
        this.hooks.onError(error)
      },
    )
  }

  /**
   * Sends each member the changes of `batch` that it did not make, in order with the committed
   * batches, without storing them: they are durable already (another node stored them).
   */
  relay(batch: UpdateBatch): void {
    if (batch.isEmpty) return
    this.durable = this.durable.then(() => {
      if (!this.failed) this.push({ batch, published: undefined })
    })
  }

  /**
   * Resolves once every batch committed so far is stored and sent: what the doc holds is then
   * durable, so it may be read for a sync answer or a snapshot. Never rejects.
   */
  async stored(): Promise<void> {
    await this.durable
    await this.sending
  }

  private push(outgoing: Outgoing): void {
    this.ready.push(outgoing)
    this.sending ??= new Promise((resolve) => setImmediate(resolve)).then(() => this.send())
  }

  private send(): void {
    this.sending = undefined
    const ready = this.ready
    this.ready = []
    if (this.failed || ready.length === 0) return
    const batch = UpdateBatch.together(ready.map((outgoing) => outgoing.batch))
    for (const member of this.hooks.recipients()) {
      const message = batch.messageFor(member)
      if (message) member.send(message)
    }
    for (const { published } of ready) if (published) this.hooks.onSent?.(published)
  }
}
