import * as Y from 'yjs'

/** The origin of updates the network applies, so that a replica does not send them on again. */
const NETWORK = Symbol('network')

/** One device's copy of a group document, as the network sees it. */
export interface NetworkReplica {
  doc: Y.Doc
  online: boolean
  /** Updates this replica made itself, counted as they are sent. */
  sent: number
}

/** What the network did during one run, for the suite's summary. */
export interface NetworkStats {
  /** Messages applied to a replica (duplicates included). */
  delivered: number
  /** Messages applied a second time or more. */
  duplicates: number
  /** Messages lost because their recipient was offline or on the other side of a partition. */
  dropped: number
  partitions: number
  /** Replicas that went offline and came back. */
  reconnects: number
  /** State exchanges (a diff against the other side's state vector), as on (re)connection. */
  exchanges: number
}

interface Message {
  from: number
  to: number
  update: Uint8Array
  /** How many times it was applied already; a message may stay in flight to be applied again. */
  applied: number
}

/**
 * A simulated network of replicas of one document. Each update a replica makes is queued for
 * every other replica; messages are delivered in whatever order the caller picks (the property
 * test's generated choices), possibly more than once; a message to a replica that is offline or
 * cut off by a partition is lost. A replica coming back, or a partition healing, exchanges state
 * the way the y-websocket sync protocol does (each side sends what the other's state vector
 * lacks), and those exchanges are messages too. `settle` ends a run: everyone back online, every
 * message in flight delivered, then one full exchange between every pair.
 *
 * Every replica gets a fixed Yjs client id, so that a run (and a counterexample) replays alike.
 */
export class ReplicaNetwork {
  readonly replicas: NetworkReplica[]
  readonly stats: NetworkStats = {
    delivered: 0,
    duplicates: 0,
    dropped: 0,
    partitions: 0,
    reconnects: 0,
    exchanges: 0,
  }
  private inFlight: Message[] = []
  /** The side of the partition each replica is on, while there is one. */
  private sides: boolean[] | undefined

  constructor(seed: Uint8Array, count: number, firstClientId = 100) {
    this.replicas = Array.from({ length: count }, (_, i) => {
      const doc = new Y.Doc()
      doc.clientID = firstClientId + i
      Y.applyUpdate(doc, seed, NETWORK)
      const replica: NetworkReplica = { doc, online: true, sent: 0 }
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === NETWORK) return
        replica.sent += 1
        this.broadcast(i, update)
      })
      return replica
    })
  }

  /** How many messages are waiting to be delivered. */
  get pending(): number {
    return this.inFlight.length
  }

  private reachable(a: number, b: number): boolean {
    const [ra, rb] = [this.replicas[a]!, this.replicas[b]!]
    return ra.online && rb.online && (!this.sides || this.sides[a] === this.sides[b])
  }

  private broadcast(from: number, update: Uint8Array): void {
    // An offline replica's changes reach the others by the exchange when it reconnects.
    if (!this.replicas[from]!.online) return
    this.replicas.forEach((_, to) => {
      if (to !== from) this.inFlight.push({ from, to, update, applied: 0 })
    })
  }

  private exchange(a: number, b: number): void {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const [source, target] = [this.replicas[from]!.doc, this.replicas[to]!.doc]
      const update = Y.encodeStateAsUpdate(source, Y.encodeStateVector(target))
      this.inFlight.push({ from, to, update, applied: 0 })
      this.stats.exchanges += 1
    }
  }

  /**
   * Delivers the message at `pick` (modulo the number in flight). With `again`, the message
   * stays in flight and will be delivered a second time later. Returns false when none is in flight.
   */
  deliver(pick: number, again = false): boolean {
    if (this.inFlight.length === 0) return false
    const at = pick % this.inFlight.length
    const message = this.inFlight[at]!
    if (!this.reachable(message.from, message.to)) {
      this.inFlight.splice(at, 1)
      this.stats.dropped += 1
      return true
    }
    Y.applyUpdate(this.replicas[message.to]!.doc, message.update, NETWORK)
    this.stats.delivered += 1
    if (message.applied > 0) this.stats.duplicates += 1
    message.applied += 1
    if (!again) this.inFlight.splice(at, 1)
    return true
  }

  /** Takes a replica offline; what it writes meanwhile waits for its reconnection. */
  goOffline(index: number): void {
    this.replicas[index]!.online = false
  }

  /** Brings a replica back: it exchanges state with every replica it can reach. */
  goOnline(index: number): void {
    const replica = this.replicas[index]!
    if (replica.online) return
    replica.online = true
    this.stats.reconnects += 1
    this.replicas.forEach((_, other) => {
      if (other !== index && this.reachable(index, other)) this.exchange(index, other)
    })
  }

  /** Splits the replicas in two: `side[i]` true or false. Messages across the cut are lost. */
  split(side: boolean[]): void {
    this.heal()
    this.sides = this.replicas.map((_, i) => side[i % side.length] ?? false)
    this.stats.partitions += 1
  }

  /** Ends the partition: replicas that were apart exchange state. */
  heal(): void {
    const sides = this.sides
    if (!sides) return
    this.sides = undefined
    this.replicas.forEach((_, a) => {
      this.replicas.forEach((_, b) => {
        if (a < b && sides[a] !== sides[b] && this.reachable(a, b)) this.exchange(a, b)
      })
    })
  }

  /**
   * Ends the run: every replica online, the partition healed, every message in flight delivered
   * in the order `picks` gives (cycled; a pick that is odd also delivers its message twice), then
   * one full exchange between every pair, which by itself brings all replicas to the same state.
   */
  settle(picks: readonly number[]): void {
    this.heal()
    this.replicas.forEach((_, i) => this.goOnline(i))
    for (let step = 0; this.inFlight.length > 0; step++) {
      const pick = picks.length === 0 ? 0 : picks[step % picks.length]! + step
      const at = pick % this.inFlight.length
      this.deliver(at, pick % 2 === 1 && this.inFlight[at]!.applied === 0)
    }
    this.replicas.forEach((_, a) => {
      this.replicas.forEach((_, b) => {
        if (a === b) return
        const [source, target] = [this.replicas[a]!.doc, this.replicas[b]!.doc]
        Y.applyUpdate(target, Y.encodeStateAsUpdate(source, Y.encodeStateVector(target)), NETWORK)
      })
    })
  }

  /** Applies an update made elsewhere (a device outside the network) to every replica. */
  deliverFromOutside(update: Uint8Array): void {
    for (const replica of this.replicas) Y.applyUpdate(replica.doc, update, NETWORK)
  }
}
