import { createEffect, createMemo, onCleanup } from 'solid-js'
import type { GroupView } from './create-group-view'
import {
  arxivMetadataFetch,
  createFillMemory,
  fillMissingMetadata,
  type MetadataFetch,
} from './import-arxiv-metadata'

/** Options of {@link createMetadataFiller}; tests pass their own fetch and clock. */
export interface MetadataFillerOptions {
  fetch?: MetadataFetch
  now?: () => number
}

/**
 * Fills in, in the background, the papers of the group known only by their arXiv id, for the
 * lifetime of the calling owner (the group screen). It runs while the member can write, has a
 * profile and is synced with the server, whenever such papers appear; offline they stay as they
 * are, marked as waiting for their details. It never asks for the same id again within minutes
 * after a failure, and backs off when the server says it is busy (see import-arxiv-metadata.ts).
 */
export function createMetadataFiller(view: GroupView, options: MetadataFillerOptions = {}): void {
  const fetch = options.fetch ?? arxivMetadataFetch()
  const now = options.now ?? Date.now
  const memory = createFillMemory()
  const active = () => view.canWrite && view.memberId() !== undefined && view.synced()
  // A key that changes when a paper starts or stops waiting for its details. Only while active:
  // reading every paper of a large library costs the first screen time (a load shows the stored
  // copy before the server has answered), and offline nothing is filled anyway.
  const waiting = createMemo(() =>
    active()
      ? view.library.value
          .filter((item) => item.paper.needsMetadata)
          .map((item) => item.paper.id)
          .join(' ')
      : '',
  )
  let running = false
  let again = false
  let disposed = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const run = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        clearTimeout(timer)
        const memberId = view.memberId()
        if (disposed || !active() || memberId === undefined) return
        const result = await fillMissingMetadata(view.doc, memberId, {
          fetch,
          memory,
          now,
          active: () => !disposed && active(),
        })
        if (result.nextAt !== undefined && !disposed) {
          timer = setTimeout(() => void run(), Math.max(0, result.nextAt - now()))
        }
      } while (again)
    } finally {
      running = false
    }
  }

  createEffect(() => {
    if (waiting() !== '') void run()
  })
  onCleanup(() => {
    disposed = true
    clearTimeout(timer)
  })
}
