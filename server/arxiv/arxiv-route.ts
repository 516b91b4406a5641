/**
 * `GET /api/arxiv?ids=2401.00001,2312.12345`: the metadata of papers added by their arXiv id,
 * fetched from arXiv through an {@link ArxivClient}. Checks the ids before asking anyone, and
 * limits each client address (an IPv6 one by its /64) so that one member cannot keep the shared
 * queue to arXiv busy.
 */
import type { IncomingMessage } from 'node:http'
import { arxivIdProblem, parseArxivId } from '../../shared/arxiv-id'
import type { Logger } from '../logger'
import { TokenBucket } from '../rate-limit'
import type { ArxivClient } from './arxiv-client'
import { ArxivLookupError } from './arxiv-lookup-error'
import { budgetKey } from './budget-key'

/** Most ids one request may ask for. */
export const MAX_ARXIV_IDS = 50

/** How much of arXiv one client address may use. */
export interface ArxivClientLimits {
  /** Requests that need arXiv (not answered from the cache) one address may make at once. */
  burst: number
  /** The sustained rate of such requests per address, per minute. */
  perMinute: number
}

/** Default {@link ArxivClientLimits}: 10 at once, then 4 a minute (200 ids a minute). */
export const DEFAULT_ARXIV_CLIENT_LIMITS: ArxivClientLimits = { burst: 10, perMinute: 4 }

/** A JSON answer: status, body and extra headers. */
export interface JsonAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** Options of {@link createArxivRoute}. */
export interface ArxivRouteOptions {
  client: ArxivClient
  logger: Logger
  limits?: Partial<ArxivClientLimits>
  /** Clock of the per-address buckets, in ms. Default `performance.now`. */
  now?: () => number
}

interface Budget {
  bucket: TokenBucket
  lastUsed: number
}

/** Budgets remembered at once; past that, idle ones are forgotten (a full bucket is like new). */
const MAX_BUDGETS = 10_000

/** The handler of `GET /api/arxiv`; the caller sends what it returns as JSON. */
export function createArxivRoute(
  options: ArxivRouteOptions,
): (req: IncomingMessage) => Promise<JsonAnswer> {
  const limits = { ...DEFAULT_ARXIV_CLIENT_LIMITS, ...options.limits }
  const now = options.now ?? (() => performance.now())
  const budgets = new Map<string, Budget>()
  const retryAfter = String(Math.ceil(60 / limits.perMinute))
  const refillMs = (limits.burst / limits.perMinute) * 60_000

  const budgetOf = (key: string): Budget => {
    let budget = budgets.get(key)
    if (!budget) {
      if (budgets.size >= MAX_BUDGETS) forgetIdle(budgets, now() - refillMs)
      budget = {
        bucket: new TokenBucket(limits.perMinute / 60, limits.burst, now),
        lastUsed: now(),
      }
      budgets.set(key, budget)
    }
    budget.lastUsed = now()
    return budget
  }

  return async (req) => {
    const parsed = parseIds(req.url)
    if (typeof parsed === 'string') return { status: 400, body: { error: parsed } }
    const { client, logger } = options
    const ip = req.socket.remoteAddress ?? 'unknown'
    // Answers from the cache cost arXiv nothing, so only lookups that may reach it are counted.
    if (!client.isCached(parsed) && !budgetOf(budgetKey(ip)).bucket.take()) {
      logger.warn('arxiv.limited', 'arXiv lookup refused: too many from one address', { ip })
      return {
        status: 429,
        body: { error: 'Too many arXiv lookups from this address; try again in a minute' },
        headers: { 'Retry-After': retryAfter },
      }
    }
    try {
      return { status: 200, body: await client.lookup(parsed) }
    } catch (error) {
      if (!(error instanceof ArxivLookupError)) throw error
      // The detail may name hosts of the server's network: the log gets it, the browser not.
      logger.warn('arxiv.failed', `arXiv lookup failed: ${error.message}`, {
        status: error.status,
        ids: parsed.length,
        detail: error.detail,
      })
      const headers: Record<string, string> = error.status === 503 ? { 'Retry-After': '10' } : {}
      return { status: error.status, body: { error: error.message }, headers }
    }
  }
}

/** The versionless ids of `?ids=`, deduplicated, or what is wrong with them. */
export function parseIds(url: string | undefined): string[] | string {
  const raw = new URL(url ?? '/', 'http://localhost').searchParams.getAll('ids').join(',')
  if (raw.trim() === '') return 'Give arXiv ids as ?ids=2401.00001,2312.12345'
  const parts = raw.split(',').map((part) => part.trim())
  if (parts.length > MAX_ARXIV_IDS)
    return `At most ${MAX_ARXIV_IDS} ids per request, not ${parts.length}`
  const ids: string[] = []
  for (const part of parts) {
    const shown = JSON.stringify(part.length > 40 ? `${part.slice(0, 39)}…` : part)
    const parsed = part === '' ? undefined : parseArxivId(part)
    if (!parsed) return `Not an arXiv id: ${shown}`
    const problem = arxivIdProblem(parsed.id)
    if (problem) return `Not an arXiv id: ${shown} (${problem})`
    if (!ids.includes(parsed.id)) ids.push(parsed.id)
  }
  return ids
}

/** Forgets addresses unused since `before`, else the longest unused ones, down to 90%. */
function forgetIdle(budgets: Map<string, Budget>, before: number): void {
  for (const [key, budget] of budgets) {
    if (budget.lastUsed < before) budgets.delete(key)
  }
  const oldest = [...budgets].sort((a, b) => a[1].lastUsed - b[1].lastUsed)
  for (const [key] of oldest.slice(0, budgets.size - MAX_BUDGETS * 0.9)) budgets.delete(key)
}
