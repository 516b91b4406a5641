import { sampleOf } from './server-observe'
import { quantile } from './soak-ledger'

/** Bytes as KiB, signed: a difference. */
export function kib(bytes: number): string {
  return `${bytes < 0 ? '' : '+'}${(bytes / 1024).toFixed(0)} KiB`
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** `{ TCPSocketWrap: 2, Timeout: 1 }` as `TCPSocketWrap×2 Timeout×1`, sorted by type. */
export function resourceList(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => `${type}×${count}`)
      .join(' ') || 'none'
  )
}

/** Types of which `now` holds more than `baseline`, with both counts; empty when none. */
export function resourcesAbove(
  now: Record<string, number>,
  baseline: Record<string, number>,
): string[] {
  return Object.keys(now)
    .filter((type) => (now[type] ?? 0) > (baseline[type] ?? 0))
    .map((type) => `${type}: ${baseline[type] ?? 0} -> ${now[type]}`)
}

/** p50/p95/p99/max of `samples` in milliseconds, e.g. `3.1 / 8.0 / 15.2 / 40.7 ms`. */
export function latencySummary(samples: readonly number[]): string {
  const sorted = samples.slice().sort((a, b) => a - b)
  const at = (q: number) => quantile(sorted, q).toFixed(1)
  return `${at(0.5)} / ${at(0.95)} / ${at(0.99)} / ${at(1)} ms`
}

/** A two-column table for the test output, one figure a line. */
export function soakTable(title: string, rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([name]) => name.length))
  return [title, ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`)].join('\n')
}

/**
 * The store's `operation` latency between two `/metrics` texts: calls, mean, the upper bound
 * of the histogram bucket that holds the 99th percentile, and the total as a share of
 * `wallMs`, e.g. `1688 calls, mean 2.5 ms, p99 ≤ 25 ms, 42% of the time`. The SQLite store is
 * synchronous, so that share is time the server's event loop spent waiting for the disk.
 */
export function storeLatency(
  before: string,
  after: string,
  operation: string,
  wallMs: number,
): string {
  const series = 'margins_store_duration_seconds'
  const delta = (sample: string) => (sampleOf(after, sample) ?? 0) - (sampleOf(before, sample) ?? 0)
  const count = delta(`${series}_count{operation="${operation}"}`)
  const sum = delta(`${series}_sum{operation="${operation}"}`)
  const bounds = [
    ...after.matchAll(
      new RegExp(`^${series}_bucket\\{operation="${operation}",le="([^"]+)"`, 'gm'),
    ),
  ].map((match) => match[1]!)
  const p99 = bounds.find(
    (le) => delta(`${series}_bucket{operation="${operation}",le="${le}"}`) >= 0.99 * count,
  )
  const bound = p99 === undefined || p99 === '+Inf' ? '?' : `${Number(p99) * 1_000} ms`
  const share = ((sum * 1_000 * 100) / wallMs).toFixed(0)
  const mean = ((sum / count) * 1_000).toFixed(1)
  return `${count} calls, mean ${mean} ms, p99 ≤ ${bound}, ${share}% of the time`
}
