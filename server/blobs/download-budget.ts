/**
 * How many arXiv downloads one client address may start: a token bucket per address (an IPv6
 * one by its /64, as for `/api/arxiv`), so that one member cannot keep the server's single
 * download queue to arXiv busy. PDFs already stored cost nothing and are not counted.
 */
import { budgetKey } from '../arxiv/budget-key'
import { TokenBucket } from '../rate-limit'

/** Downloads one address may start. */
export interface DownloadLimits {
  /** At once. */
  burst: number
  /** Sustained, per minute. */
  perMinute: number
}

/** Default {@link DownloadLimits}: 20 at once (a meeting's agenda), then 10 a minute. */
export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = { burst: 20, perMinute: 10 }

/** Addresses remembered at once; past that, the longest idle are forgotten. */
const MAX_ADDRESSES = 10_000

/** See {@link createDownloadBudget}. */
export interface DownloadBudget {
  /** Takes one download from `address`'s budget; false when it has none left. */
  take(address: string): boolean
  /** Seconds until an address that has none left gets one back. */
  readonly retryAfterSeconds: number
}

/** A budget of downloads per client address. */
export function createDownloadBudget(
  limits: Partial<DownloadLimits> = {},
  now: () => number = () => performance.now(),
): DownloadBudget {
  const { burst, perMinute } = { ...DEFAULT_DOWNLOAD_LIMITS, ...limits }
  const buckets = new Map<string, TokenBucket>()
  return {
    take(address) {
      const key = budgetKey(address)
      let bucket = buckets.get(key)
      if (bucket) buckets.delete(key)
      else bucket = new TokenBucket(perMinute / 60, burst, now)
      // Most recently used last, so the first ones are the longest idle.
      buckets.set(key, bucket)
      if (buckets.size > MAX_ADDRESSES) buckets.delete(buckets.keys().next().value as string)
      return bucket.take()
    },
    retryAfterSeconds: Math.ceil(60 / perMinute),
  }
}
