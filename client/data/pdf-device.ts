import { createSignal, type Accessor } from 'solid-js'

/** Set once the member has been asked to let this device keep its storage. */
const ASKED_KEY = 'margins:pdf-persist-asked'

/**
 * Asks the browser, once per device, not to evict what Margins keeps (the first time the member
 * keeps a PDF): kept PDFs are what they read on the train. Browsers without the API, or that
 * decline, keep storage "best effort"; nothing else changes.
 */
export async function askToPersistOnce(): Promise<void> {
  if (localStorage.getItem(ASKED_KEY) !== null) return
  if (typeof navigator.storage?.persist !== 'function') return
  localStorage.setItem(ASKED_KEY, String(Date.now()))
  try {
    await navigator.storage.persist()
  } catch {
    // A browser that refuses to answer leaves storage as it was.
  }
}

/** What the browser says of this site's storage, where it says anything. */
export interface StorageFacts {
  /** Bytes this site uses (all of it: groups, the app, PDFs), and may use. */
  usage?: number
  quota?: number
  /** Whether the browser promised not to evict it; undefined where it cannot tell. */
  persisted?: boolean
}

/** Reads the browser's storage estimate; `refresh` reads it again. */
export function createStorageFacts(): { facts: Accessor<StorageFacts>; refresh: () => void } {
  const [facts, setFacts] = createSignal<StorageFacts>({})
  const refresh = () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
    const estimate = typeof storage?.estimate === 'function' ? storage.estimate() : undefined
    const persisted = typeof storage?.persisted === 'function' ? storage.persisted() : undefined
    void Promise.all([estimate?.catch(() => undefined), persisted?.catch(() => undefined)]).then(
      ([found, kept]) => {
        const next: StorageFacts = {}
        if (typeof found?.usage === 'number') next.usage = found.usage
        if (typeof found?.quota === 'number') next.quota = found.quota
        if (typeof kept === 'boolean') next.persisted = kept
        setFacts(next)
      },
    )
  }
  refresh()
  return { facts, refresh }
}
