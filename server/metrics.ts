/** A store operation the metrics time: the DocStore method name. */
export type StoreOperation = string

/** Upper bounds (seconds) of the store latency histogram buckets. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** A Prometheus histogram without labels of its own. */
class Histogram {
  readonly counts = LATENCY_BUCKETS.map(() => 0)
  sum = 0
  count = 0

  observe(value: number): void {
    this.sum += value
    this.count++
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (value <= bound) this.counts[i] = (this.counts[i] ?? 0) + 1
    })
  }
}

/** Values that are read when the metrics are rendered rather than counted as they happen. */
export interface MetricGauges {
  connections: number
  pendingConnections: number
  roomsLoaded: number
  uptimeSeconds: number
}

/**
 * The counters of one sync server, rendered in the Prometheus text format (version 0.0.4) at
 * `GET /metrics`. No labels carry a group id or anything a client sent.
 */
export class ServerMetrics {
  messagesIn = 0
  bytesIn = 0
  messagesOut = 0
  bytesOut = 0
  updatesStored = 0
  bytesStored = 0
  private readonly refusals = new Map<string, number>()
  private readonly storeErrors = new Map<StoreOperation, number>()
  private readonly storeLatency = new Map<StoreOperation, Histogram>()

  /** Counts one refused upgrade or closed connection, by a stable reason name. */
  refused(reason: string): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1)
  }

  /** Records how long one store call took, and whether it failed. */
  stored(operation: StoreOperation, seconds: number, failed: boolean): void {
    let histogram = this.storeLatency.get(operation)
    if (!histogram) this.storeLatency.set(operation, (histogram = new Histogram()))
    histogram.observe(seconds)
    if (failed) this.storeErrors.set(operation, (this.storeErrors.get(operation) ?? 0) + 1)
  }

  /** The Prometheus text exposition of every metric. */
  render(gauges: MetricGauges): string {
    const lines: string[] = []
    const metric = (name: string, type: string, help: string, samples: string[]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples)
    }
    const one = (name: string, type: string, help: string, value: number) =>
      metric(name, type, help, [`${name} ${value}`])
    one(
      'margins_uptime_seconds',
      'gauge',
      'Seconds since the server started.',
      gauges.uptimeSeconds,
    )
    one('margins_connections', 'gauge', 'Open sync connections.', gauges.connections)
    one(
      'margins_pending_connections',
      'gauge',
      'Sync connections waiting for their room to load.',
      gauges.pendingConnections,
    )
    one('margins_rooms_loaded', 'gauge', 'Groups loaded in memory.', gauges.roomsLoaded)
    one('margins_messages_received_total', 'counter', 'Sync messages received.', this.messagesIn)
    one('margins_bytes_received_total', 'counter', 'Bytes of sync messages received.', this.bytesIn)
    one('margins_messages_sent_total', 'counter', 'Sync messages sent.', this.messagesOut)
    one('margins_bytes_sent_total', 'counter', 'Bytes of sync messages sent.', this.bytesOut)
    one(
      'margins_updates_stored_total',
      'counter',
      'Updates appended to the store.',
      this.updatesStored,
    )
    one('margins_bytes_stored_total', 'counter', 'Bytes appended to the store.', this.bytesStored)
    metric(
      'margins_store_errors_total',
      'counter',
      'Store calls that failed, by operation.',
      [...this.storeErrors].map(([op, n]) => `margins_store_errors_total{operation="${op}"} ${n}`),
    )
    const latency: string[] = []
    for (const [op, histogram] of this.storeLatency) {
      LATENCY_BUCKETS.forEach((bound, i) => {
        latency.push(
          `margins_store_duration_seconds_bucket{operation="${op}",le="${bound}"} ${histogram.counts[i]}`,
        )
      })
      latency.push(
        `margins_store_duration_seconds_bucket{operation="${op}",le="+Inf"} ${histogram.count}`,
        `margins_store_duration_seconds_sum{operation="${op}"} ${histogram.sum}`,
        `margins_store_duration_seconds_count{operation="${op}"} ${histogram.count}`,
      )
    }
    metric(
      'margins_store_duration_seconds',
      'histogram',
      'Duration of store calls, by operation.',
      latency,
    )
    metric(
      'margins_refusals_total',
      'counter',
      'Refused upgrades and connections closed by a limit, by reason.',
      [...this.refusals].map(([reason, n]) => `margins_refusals_total{reason="${reason}"} ${n}`),
    )
    return `${lines.join('\n')}\n`
  }
}
