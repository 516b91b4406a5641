import { createEffect, createMemo, onCleanup, untrack } from 'solid-js'
import type { GroupSettings, Member } from '../../shared/model'
import { plainValue, type DocProjection } from './create-doc-projection'
import type { LibraryItem } from './create-library'
import type { GroupConnection } from './open-group'

/** The projections the library's first screen reads. */
export interface FirstScreenProjections {
  readonly settings: DocProjection<GroupSettings | undefined>
  readonly members: DocProjection<Member[]>
  readonly library: DocProjection<LibraryItem[]>
}

/** What a device keeps of the first screen, beside the group's document. */
interface StoredFirstScreen {
  readonly build: string
  readonly settings: GroupSettings
  readonly members: Member[]
  readonly library: LibraryItem[]
}

/**
 * The build of the app that wrote a copy. A copy from another version may hold other shapes,
 * and is not shown: that version's readers made it. In a build, this module's URL names its
 * chunk by a hash of its content, which holds the readers, and of the chunks it imports.
 */
const BUILD = import.meta.url

/** How often at most a changing group's first screen is stored again. */
const STORE_EVERY_MS = 5_000

/** The stored value, if it is a first screen this build wrote. */
function readCopy(value: unknown): StoredFirstScreen | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const copy = value as Partial<StoredFirstScreen>
  if (copy.build !== BUILD) return undefined
  if (typeof copy.settings !== 'object' || copy.settings === null) return undefined
  if (!Array.isArray(copy.members) || !Array.isArray(copy.library)) return undefined
  return copy as StoredFirstScreen
}

/**
 * The group's first screen, shown from a plain copy kept beside the document until the document
 * itself is loaded. Reading a large group's document takes most of a cold start (2,000 papers
 * with their discussions: over half a second of Yjs decoding, which nothing can split); the
 * library's own data is a small part of it, stored as it was last shown. The copy is stored
 * again at most every STORE_EVERY_MS while the group changes, and when the page is hidden.
 * Until the document is loaded, its pages other than the library wait (GroupPage) and writes are
 * refused by the model, which finds no group in the empty document.
 */
export function createFirstScreen(
  connection: GroupConnection,
  live: FirstScreenProjections,
): FirstScreenProjections {
  keepFirstScreen(connection, live)
  const copy = createMemo(() =>
    connection.loaded() ? undefined : readCopy(connection.storedFirstScreen()),
  )
  // A copy always has all three; each falls back to its projection once there is no copy.
  return {
    settings: {
      get value() {
        return copy()?.settings ?? live.settings.value
      },
      get error() {
        return live.settings.error
      },
    },
    members: {
      get value() {
        return copy()?.members ?? live.members.value
      },
      get error() {
        return live.members.error
      },
    },
    library: {
      get value() {
        return copy()?.library ?? live.library.value
      },
      get error() {
        return live.library.error
      },
    },
  }
}

/** Stores the first screen while the group is loaded and changes, and when the page hides. */
function keepFirstScreen(connection: GroupConnection, live: FirstScreenProjections): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let changed = false
  const store = () => {
    clearTimeout(timer)
    timer = undefined
    if (!changed) return
    changed = false
    untrack(() => {
      const settings = live.settings.value
      if (!settings) return
      // The projections' own plain objects, which the browser copies as it stores them.
      const copy: StoredFirstScreen = {
        build: BUILD,
        settings: plainValue(settings),
        members: plainValue(live.members.value),
        library: plainValue(live.library.value),
      }
      connection.keepFirstScreen(copy)
    })
  }
  createEffect(() => {
    if (!connection.loaded() || !live.settings.value) return
    // Each reads the projection's refresh count: the effect runs again after every change.
    plainValue(live.settings.value)
    plainValue(live.members.value)
    plainValue(live.library.value)
    changed = true
    timer ??= setTimeout(store, STORE_EVERY_MS)
  })
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') store()
  }
  document.addEventListener('visibilitychange', onVisibility)
  window.addEventListener('pagehide', store)
  onCleanup(() => {
    store()
    document.removeEventListener('visibilitychange', onVisibility)
    window.removeEventListener('pagehide', store)
  })
}
