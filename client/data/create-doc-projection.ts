import type * as Y from 'yjs'
import { createStore, reconcile } from 'solid-js/store'
import { batch, onCleanup } from 'solid-js'
import { ModelError, observeGroup } from '../../shared/model'

/** A read-only Solid view of what a reader returns, kept up to date as the document changes. */
export interface DocProjection<T> {
  readonly value: T
  /** The reader's error message, e.g. a group saved by a newer version of Margins. */
  readonly error: string | undefined
}

/**
 * Projects a Yjs document into a Solid store of plain objects: `read(doc)` now and after every
 * change (coalesced per microtask), merged with `reconcile` so that only what changed re-renders.
 * Data flows one way: components read the store and write through mutations in shared/model.
 * The subscription ends with the calling owner.
 */
export function createDocProjection<T>(
  doc: Y.Doc,
  read: (doc: Y.Doc) => T,
  fallback: T,
  key = 'id',
): DocProjection<T> {
  const [state, setState] = createStore<{ value: T; error: string | undefined }>({
    value: fallback,
    error: undefined,
  })
  let scheduled = false
  const refresh = () => {
    scheduled = false
    try {
      const next = read(doc)
      batch(() => {
        setState('value', reconcile(next, { key }))
        setState('error', undefined)
      })
    } catch (error) {
      if (!(error instanceof ModelError)) throw error
      setState('error', error.message)
    }
  }
  refresh()
  const unsubscribe = observeGroup(doc, () => {
    if (scheduled) return
    scheduled = true
    queueMicrotask(refresh)
  })
  onCleanup(() => {
    unsubscribe()
    scheduled = true
  })
  return state
}
