import * as Y from 'yjs'

/** Where one receiver has got to in each writer's updates: the next clock it expects. */
export type ReceiverCursor = Map<number, number>

/**
 * Relay latency of Yjs updates, told apart by the id of what they insert (client id and
 * clock), so that a message the server merged from several updates still counts each one.
 * Each soak update inserts exactly one item, so a writer's n-th update is its clock n.
 */
export class RelayLedger {
  /** When each writer sent each clock (`performance.now()`), by writer client id. */
  private readonly sentAt = new Map<number, number[]>()
  /** Milliseconds from a writer's send to one receiver's arrival, one entry per delivery. */
  readonly latencies: number[] = []
  /** Deliveries that skipped clocks a receiver never got. */
  gaps = 0
  /** Deliveries of clocks a receiver already had. */
  duplicates = 0

  /** Records that `clientId` sent the update starting at `clock`. */
  sent(clientId: number, clock: number, at: number): void {
    let times = this.sentAt.get(clientId)
    if (!times) this.sentAt.set(clientId, (times = []))
    times[clock] = at
  }

  /** Updates sent by `clientId` so far. */
  sentBy(clientId: number): number {
    return this.sentAt.get(clientId)?.length ?? 0
  }

  /** A receiver received `update` at `at`: counts every writer clock in it, once. */
  received(cursor: ReceiverCursor, update: Uint8Array, at: number): void {
    const meta = Y.parseUpdateMeta(update)
    for (const [clientId, from] of meta.from) {
      const times = this.sentAt.get(clientId)
      if (!times) continue
      const to = meta.to.get(clientId) ?? from
      const next = cursor.get(clientId) ?? 0
      if (from > next) this.gaps++
      if (to <= next) this.duplicates++
      for (let clock = Math.max(from, next); clock < to; clock++) {
        this.latencies.push(at - (times[clock] ?? Number.NaN))
      }
      cursor.set(clientId, Math.max(next, to))
    }
  }
}

/** The `q` quantile (0–1) of `samples`, nearest rank; NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}
