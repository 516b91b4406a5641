/**
 * Cross-node fan-out: when several server nodes share one store, a node that stored a change
 * of a group passes it on to every other node that has the group's room loaded. See
 * docs/deploy.md; `createRedisFanout` (server/fanout/redis-fanout.ts) is the implementation.
 *
 * Fan-out carries only what is durable already (a node publishes an update once its own
 * members have been sent it, which is after the store has it), so a message that is lost is
 * never a loss of data: the store has it, and a node that may have missed messages is told to
 * re-read the store ({@link FanoutListener.resync}).
 */

/** What a room hears from other nodes. Each call comes in stream order. */
export interface FanoutListener {
  /** A document update that another node stored and sent to its members. */
  update(update: Uint8Array): void
  /** An awareness update (y-protocols encoding) of another node's members. */
  awareness(update: Uint8Array): void
  /** Another node loaded the room and asks for the presence this node holds. */
  awarenessQuery(): void
  /**
   * Messages of this group may have been missed (Redis was unreachable, restarted, or trimmed
   * the stream past this node's position): re-read the store and send members what they lack.
   */
  resync(): void
}

/** What a room sends to the other nodes. */
export type FanoutKind = 'update' | 'awareness' | 'awareness-query'

/** One room's place in the fan-out; `close` when the room unloads. */
export interface FanoutSubscription {
  /**
   * Sends `bytes` to every other node with the room loaded. Never throws and never waits: if
   * Redis is unreachable the message is dropped, and the other nodes are told to resync once
   * it is back.
   */
  publish(kind: FanoutKind, bytes?: Uint8Array): void
  close(): void
}

/** Grants one node at a time the right to compact a group. */
export interface CompactionLease {
  /**
   * Runs `task` while holding the group's lease and resolves true, or resolves false at once
   * if another node holds it or the lease service is unreachable.
   */
  run(groupId: string, task: () => Promise<void>): Promise<boolean>
}

/** A node's connection to the other nodes. */
export interface Fanout {
  /**
   * Starts following a group. Resolves with the position in the group's stream taken before
   * it resolves, so a room that reads the store afterwards misses nothing published between
   * (a message it gets twice is harmless: Yjs ignores what it has). Never rejects: if Redis is
   * unreachable, the listener is told to resync once it is back.
   */
  subscribe(groupId: string, listener: FanoutListener): Promise<FanoutSubscription>
  /**
   * Tells every node with the group loaded to re-read it from the store: for a change made to
   * the store from outside the nodes (a restored backup). Rejects if Redis is unreachable.
   */
  resync(groupId: string): Promise<void>
  /** The compaction lease, kept in the same service. */
  readonly lease: CompactionLease
  /** Whether the fan-out service answers now (for `/healthz`). */
  ping(): Promise<boolean>
  /** Stops reading and disconnects. */
  close(): Promise<void>
}
