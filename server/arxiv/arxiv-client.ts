/**
 * Asks arXiv's API for the metadata of papers a member added by their arXiv id alone, as a good
 * citizen of it: one request at a time, at least 3 s apart (arXiv's API terms of use), and every
 * answer cached for a while, so that a group of thirty filling in the same paper costs arXiv
 * one request.
 */
import type { PaperInput } from '../../shared/model/types'
import { fetchPapers } from './arxiv-fetch'
import { ArxivLookupError } from './arxiv-lookup-error'

/** The arXiv API that answers when no other is configured. */
export const DEFAULT_ARXIV_URL = 'https://export.arxiv.org'

/** Settings of {@link createArxivClient}. */
export interface ArxivClientOptions {
  /** Origin of the arXiv API, e.g. `https://export.arxiv.org`; `/api/query` is appended. */
  baseUrl: string
  /** Least time between the starts of two upstream requests. Default 3 s (arXiv's terms). */
  minIntervalMs?: number
  /** How long an upstream request may take. Default 10 s. */
  timeoutMs?: number
  /**
   * Most bytes of an upstream answer; past it the lookup fails with 502. Default 5 MiB: 50
   * entries with long abstracts take some 200 KiB.
   */
  maxResponseBytes?: number
  /** Most ids the cache holds; the least recently used go first. Default 2,000. */
  cacheSize?: number
  /** How long a paper's metadata stays cached. Default 24 hours. */
  cacheTtlMs?: number
  /** How long "arXiv does not know this id" stays cached. Default 10 minutes. */
  missingTtlMs?: number
  /** Most lookups waiting for their turn upstream; more are refused as busy. Default 20. */
  maxQueued?: number
  /** Clock, for the cache. Default `Date.now`. */
  now?: () => number
}

/** What arXiv knows of some ids. */
export interface ArxivLookup {
  /** One paper per id arXiv knows, in the order asked. */
  papers: PaperInput[]
  /** The ids arXiv does not know (or answered without a title). */
  missing: string[]
}

/** A client of arXiv's API; see {@link createArxivClient}. */
export interface ArxivClient {
  /**
   * Metadata for versionless, valid arXiv ids; throws an `ArxivLookupError`
   * (./arxiv-lookup-error).
   */
  lookup(ids: readonly string[]): Promise<ArxivLookup>
  /** True when the cache answers for every one of `ids`, so a lookup asks arXiv nothing. */
  isCached(ids: readonly string[]): boolean
  /** Upstream requests made so far. */
  readonly requests: number
  /**
   * Cancels the request in flight and refuses every waiting lookup (503) at once, leaving no
   * timer behind (server shutdown). Resolves once every one of them has been refused and
   * whoever waited on it has had its turn to answer.
   */
  close(): Promise<void>
}

interface CacheEntry {
  /** null: arXiv does not know the id. */
  paper: PaperInput | null
  expires: number
}

/** A client that queues lookups, spaces its requests and caches answers. */
export function createArxivClient(options: ArxivClientOptions): ArxivClient {
  const minInterval = options.minIntervalMs ?? 3_000
  const timeout = options.timeoutMs ?? 10_000
  const maxBytes = options.maxResponseBytes ?? 5 * 1024 * 1024
  const cacheSize = options.cacheSize ?? 2_000
  const ttl = options.cacheTtlMs ?? 24 * 60 * 60_000
  const missingTtl = options.missingTtlMs ?? 10 * 60_000
  const maxQueued = options.maxQueued ?? 20
  const now = options.now ?? Date.now
  const base = options.baseUrl.replace(/\/+$/, '')
  const cache = new Map<string, CacheEntry>()
  const closed = new AbortController()
  let tail: Promise<unknown> = Promise.resolve()
  let queued = 0
  let lastStart = -Infinity
  let requests = 0

  const cached = (id: string): CacheEntry | undefined => {
    const entry = cache.get(id)
    if (!entry) return undefined
    cache.delete(id)
    if (entry.expires <= now()) return undefined
    cache.set(id, entry) // most recently used last
    return entry
  }
  const remember = (id: string, paper: PaperInput | null) => {
    cache.delete(id)
    cache.set(id, { paper, expires: now() + (paper ? ttl : missingTtl) })
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
  }
  // `fresh` holds what was just fetched, which a small cache may already have let go of.
  const answer = (ids: readonly string[], fresh = new Map<string, PaperInput | null>()) => {
    const result: ArxivLookup = { papers: [], missing: [] }
    for (const id of ids) {
      const paper = fresh.has(id) ? fresh.get(id) : cache.get(id)?.paper
      if (paper) result.papers.push(structuredClone(paper))
      else result.missing.push(id)
    }
    return result
  }

  async function turn(ids: readonly string[]): Promise<ArxivLookup> {
    // Another lookup may have fetched these ids while this one waited.
    const needed = ids.filter((id) => !cached(id))
    if (needed.length === 0) return answer(ids)
    if (closed.signal.aborted) throw shuttingDown()
    const wait = lastStart + minInterval - performance.now()
    if (wait > 0) await sleep(wait, closed.signal)
    lastStart = performance.now()
    requests += 1
    const options = { base, timeoutMs: timeout, maxBytes, closed: closed.signal }
    const papers = await fetchPapers(needed, options)
    const byId = new Map(papers.map((paper) => [paper.arxivId, paper]))
    const fresh = new Map<string, PaperInput | null>()
    for (const id of needed) {
      const paper = byId.get(id)
      fresh.set(id, paper?.title ? paper : null)
      remember(id, paper?.title ? paper : null)
    }
    return answer(ids, fresh)
  }

  return {
    async lookup(ids) {
      if (ids.every((id) => cached(id))) return answer(ids)
      if (closed.signal.aborted) throw shuttingDown()
      if (queued >= maxQueued) {
        throw new ArxivLookupError(503, 'Too many lookups are waiting for arXiv; try again soon')
      }
      queued += 1
      const mine = tail.then(() => turn(ids))
      tail = mine.catch(() => undefined)
      try {
        return await mine
      } finally {
        queued -= 1
      }
    },
    isCached: (ids) => ids.every((id) => cached(id)),
    get requests() {
      return requests
    },
    async close() {
      closed.abort()
      await tail
      // The refusals settle in microtasks; let their callers answer before the caller goes on.
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

const shuttingDown = () => new ArxivLookupError(503, 'The server is shutting down')

/** Waits `ms`, or refuses as soon as `signal` is aborted, already or later. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(shuttingDown())
    const timer = setTimeout(done, ms)
    function done() {
      signal.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(shuttingDown())
    }
    signal.addEventListener('abort', abort, { once: true })
  })
}
