import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { CompactionLease } from './fanout'

/** Deletes the lease only if it still holds our token: an expired lease may be someone else's. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0`

/** How long a lease lasts if its holder dies without releasing it. */
export const DEFAULT_LEASE_MS = 60_000

/**
 * A compaction lease in Redis: `SET key token NX PX ttl`, released by a compare-and-delete
 * script. A holder that dies leaves it to expire. The lease saves duplicate work; it is not what
 * keeps compaction safe: each compaction replaces only rows it read, with their merge, in one
 * store transaction, so even two at once lose nothing.
 */
export function createRedisLease(redis: Redis, ttlMs = DEFAULT_LEASE_MS): CompactionLease {
  return {
    async run(groupId, task) {
      const key = `margins:lease:compact:${groupId}`
      const token = randomUUID()
      let granted: string | null
      try {
        granted = await redis.set(key, token, 'PX', ttlMs, 'NX')
      } catch {
        return false
      }
      if (granted !== 'OK') return false
      try {
        await task()
      } finally {
        await redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined)
      }
      return true
    },
  }
}
