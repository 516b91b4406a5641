import type { RequestListener } from 'node:http'
import type { Fanout } from './fanout/fanout'
import { setSecurityHeaders } from './security-headers'
import { sendJson } from './send-json'
import type { DocStore } from './store/doc-store'

/** How long `/healthz` waits for the store or Redis before it calls them unreachable. */
const CHECK_TIMEOUT_MS = 2_000
/** A group id no group has (ids are 22 base64url characters): reading it touches only the store. */
const PROBE_GROUP = 'healthz-probe'

/** Options of {@link withHealthChecks}. */
export interface HealthChecks {
  /** The figures `/healthz` reports, as without checks. */
  gauges: () => Record<string, number>
  /**
   * Pinged once per request if it can be (PostgreSQL: `SELECT 1`, which does not wait behind
   * the appends in flight, so a node busy writing stays healthy), else read: it answers, or the
   * node is unhealthy.
   */
  store: DocStore & { ping?: () => Promise<void> }
  /** Pinged once per request, if the node has fan-out. */
  fanout?: Fanout
}

async function within(check: Promise<unknown>): Promise<'ok' | 'unreachable'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)
  })
  try {
    const answer = await Promise.race([check.then((value) => value !== false), timeout])
    return answer ? 'ok' : 'unreachable'
  } catch {
    return 'unreachable'
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/healthz` for a node of a multi-node deployment: besides the gauges it says whether the
 * store and Redis answer (`store`, `fanout`: `ok` or `unreachable`), and answers 503 with
 * `ok: false` when one does not, so a load balancer takes the node out until it recovers.
 * Every other request goes to `next`.
 */
export function withHealthChecks(checks: HealthChecks, next: RequestListener): RequestListener {
  return (req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/healthz') return next(req, res)
    setSecurityHeaders(res)
    void Promise.all([
      within(checks.store.ping ? checks.store.ping() : checks.store.read(PROBE_GROUP)),
      checks.fanout ? within(checks.fanout.ping()) : Promise.resolve(undefined),
    ]).then(([store, fanout]) => {
      const ok = store === 'ok' && fanout !== 'unreachable'
      sendJson(res, ok ? 200 : 503, { ok, store, fanout: fanout ?? 'off', ...checks.gauges() })
    })
  }
}
