import type * as Y from 'yjs'
import { arxivIdProblem } from '../../shared/arxiv-id'
import {
  ModelError,
  completePaper,
  listPapers,
  type Actor,
  type PaperInput,
} from '../../shared/model'

/** Most ids one request to `/api/arxiv` may carry (the server's limit). */
export const FILL_BATCH = 50

/** What `/api/arxiv` answers. */
export interface ArxivAnswer {
  papers: PaperInput[]
  missing: string[]
}

/** A request to `/api/arxiv` that got no answer (status 0) or an error status. */
export class MetadataFetchError extends Error {
  constructor(
    readonly status: number,
    /** What the server's `Retry-After` asked for, in ms. */
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message)
    this.name = 'MetadataFetchError'
  }
}

/** Asks for the metadata of up to {@link FILL_BATCH} arXiv ids. */
export type MetadataFetch = (ids: readonly string[]) => Promise<ArxivAnswer>

/** A {@link MetadataFetch} against `/api/arxiv` of `origin` (default: the app's own server). */
export function arxivMetadataFetch(origin = ''): MetadataFetch {
  return async (ids) => {
    const query = ids.map(encodeURIComponent).join(',')
    let response: Response
    try {
      response = await fetch(`${origin}/api/arxiv?ids=${query}`)
    } catch (error) {
      throw new MetadataFetchError(0, undefined, `No answer: ${String(error)}`)
    }
    const body = (await response.json().catch(() => undefined)) as Partial<ArxivAnswer> & {
      error?: string
    }
    if (!response.ok || !Array.isArray(body?.papers) || !Array.isArray(body?.missing)) {
      const seconds = Number(response.headers.get('Retry-After'))
      const retryAfter = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
      const message = body?.error ?? `The server answered ${response.status}`
      throw new MetadataFetchError(response.ok ? 502 : response.status, retryAfter, message)
    }
    return { papers: body.papers, missing: body.missing }
  }
}

/** After a failed request, its ids rest this long before they are asked for again. */
export const FAILED_REST_MS = 5 * 60_000
/** Ids arXiv does not know rest this long (a paper announced later may appear). */
export const MISSING_REST_MS = 60 * 60_000
const FIRST_BACKOFF_MS = 30_000
const MAX_BACKOFF_MS = 10 * 60_000

/**
 * What a filler remembers between passes: ids resting after a failure, and a pause for the
 * whole filler after the server said it is busy or failing (429, 5xx, no answer).
 */
export interface FillMemory {
  restUntil: Map<string, number>
  pausedUntil: number
  failures: number
}

/** A fresh {@link FillMemory}. */
export function createFillMemory(): FillMemory {
  return { restUntil: new Map(), pausedUntil: 0, failures: 0 }
}

/** Options of {@link fillMissingMetadata}. */
export interface FillOptions {
  fetch: MetadataFetch
  memory: FillMemory
  now?: () => number
  /** Checked before each request: false stops the pass (offline, read-only, closed). */
  active?: () => boolean
}

/** What one pass did. */
export interface FillResult {
  /** Papers whose details were written. */
  filled: number
  /** When to try again for what is left (a resting id or the pause ends), if anything is. */
  nextAt: number | undefined
}

/**
 * One pass of filling in papers known only by their arXiv id: asks for their details in batches
 * and writes each answer with `completePaper`, which only fills in what is missing (so two
 * members filling the same paper converge). Refusals are swallowed: this runs in the background,
 * and the member did nothing that could be refused.
 */
export async function fillMissingMetadata(
  doc: Y.Doc,
  memberId: string,
  options: FillOptions,
): Promise<FillResult> {
  const now = options.now ?? Date.now
  const { memory } = options
  let filled = 0
  for (;;) {
    if (options.active && !options.active()) return { filled, nextAt: undefined }
    const waiting = pendingIds(doc)
    const due: string[] = []
    let nextRest: number | undefined
    for (const id of waiting) {
      const until = memory.restUntil.get(id) ?? 0
      if (until <= now()) due.push(id)
      else nextRest = Math.min(nextRest ?? until, until)
    }
    if (due.length === 0) return { filled, nextAt: nextRest }
    if (memory.pausedUntil > now()) return { filled, nextAt: memory.pausedUntil }
    const batch = due.slice(0, FILL_BATCH)
    let answer: ArxivAnswer
    try {
      answer = await options.fetch(batch)
    } catch (error) {
      if (!(error instanceof MetadataFetchError)) throw error
      for (const id of batch) memory.restUntil.set(id, now() + FAILED_REST_MS)
      if (error.status === 0 || error.status === 429 || error.status >= 500) {
        const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** memory.failures)
        memory.failures += 1
        memory.pausedUntil = now() + Math.max(backoff, error.retryAfterMs ?? 0)
      }
      continue
    }
    memory.failures = 0
    filled += write(doc, { memberId, now: now() }, answer)
    // An id the answer did not fill (unknown to arXiv, or a write refused) rests too.
    const left = new Set(pendingIds(doc))
    for (const id of batch) {
      if (left.has(id)) {
        const rest = answer.missing.includes(id) ? MISSING_REST_MS : FAILED_REST_MS
        memory.restUntil.set(id, now() + rest)
      }
    }
  }
}

/** The arXiv ids of papers still waiting for their details, that arXiv could have issued. */
function pendingIds(doc: Y.Doc): string[] {
  return listPapers(doc).flatMap((paper) =>
    paper.needsMetadata && paper.arxivId && !arxivIdProblem(paper.arxivId) ? [paper.arxivId] : [],
  )
}

function write(doc: Y.Doc, actor: Actor, answer: ArxivAnswer): number {
  const byArxiv = new Map(
    listPapers(doc).flatMap((paper) =>
      paper.needsMetadata && paper.arxivId ? [[paper.arxivId, paper.id] as const] : [],
    ),
  )
  let filled = 0
  // One transaction: other members receive the whole batch as one update.
  doc.transact(() => {
    for (const input of answer.papers) {
      const paperId = input.arxivId === undefined ? undefined : byArxiv.get(input.arxivId)
      if (paperId === undefined) continue
      try {
        completePaper(doc, actor, paperId, input)
        filled += 1
      } catch (error) {
        if (!(error instanceof ModelError)) throw error
      }
    }
  })
  return filled
}
