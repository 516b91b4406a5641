import type * as Y from 'yjs'
import { $RAW, createStore, reconcile } from 'solid-js/store'
import { batch, createSignal, onCleanup, type Accessor } from 'solid-js'
import { ModelError, observeGroup } from '../../shared/model'

/** A read-only Solid view of what a reader returns, kept up to date as the document changes. */
export interface DocProjection<T> {
  readonly value: T
  /** The reader's error message, e.g. a group saved by a newer version of Margins. */
  readonly error: string | undefined
}

/** The refresh count of each projection, by the plain object behind its value. */
const followers = new WeakMap<object, Accessor<number>>()

/** A count of a projection's refreshes, for `plainValue` to depend on. */
function refreshCounter(): { track: Accessor<number>; bump: () => void } {
  const [track, set] = createSignal(0)
  return { track, bump: () => set((count) => count + 1) }
}

/**
 * The plain data behind a projection's value (or a part of it), read with one dependency on the
 * projection as a whole instead of one per property read: for code that reads all of a large
 * value, such as sorting a library, where a store proxy's tracking of every property costs more
 * than the work. Values that are not a projection's own come back as they are.
 */
export function plainValue<T extends object>(value: T): T {
  // A store proxy gives its plain object as `$RAW` (unwrap would walk all of a plain value).
  const raw = (value as { [$RAW]?: T })[$RAW] ?? value
  const refreshed = followers.get(raw)
  if (!refreshed) return value
  refreshed()
  return raw
}

/**
 * Marks what a reader returned as holding no store proxies: Solid's `reconcile` (and any store
 * setter) first walks the whole new value to unwrap proxies out of it, reading every property
 * descriptor of every object, which for a 2,000-paper library took longer than reading it from
 * the document. A reader builds fresh plain objects from the document, so there is nothing to
 * unwrap; Solid's `unwrap` stops at a value whose `$RAW` is set, and returns that.
 */
function markPlain(value: unknown): void {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.defineProperty(value, $RAW, { value, configurable: true })
  }
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
  // The store's own plain object (Solid keeps the one it is given), read without tracking.
  const plain: { value: T; error: string | undefined } = { value: fallback, error: undefined }
  const [state, setState] = createStore(plain)
  const refreshes = refreshCounter()
  let scheduled = false
  const refresh = () => {
    scheduled = false
    try {
      const next = read(doc)
      markPlain(next)
      batch(() => {
        setState('value', reconcile(next, { key }))
        setState('error', undefined)
        refreshes.bump()
      })
      // Reconcile keeps the value's object when it can, so this is mostly the same entry.
      const raw: unknown = plain.value
      if (typeof raw === 'object' && raw !== null) followers.set(raw, refreshes.track)
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
