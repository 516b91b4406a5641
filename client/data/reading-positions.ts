import { createSignal, onCleanup } from 'solid-js'
import { createSecret } from '../../shared/invite'
import { createPrivateDoc } from './private-doc'

/** Where the member last was in a paper's PDF. */
export interface ReadingPosition {
  /** Page number, from 1. */
  readonly page: number
  /** The PDF it is a page of (SHA-256): another file's page 7 is somewhere else. */
  readonly pdf: string
  /**
   * When they were there, epoch milliseconds on the device they read on (or just after the
   * newest position that device had seen, if its clock was behind).
   */
  readonly at: number
}

/** The member's last page in each paper's PDF, the same on each of their devices. */
export interface ReadingPositions {
  /** Where they were in the paper's PDF, or undefined if they never read it. Reactive. */
  of(paperId: string): ReadingPosition | undefined
  /** Records that they are on `page` of the PDF `pdf` of the paper now. */
  keep(paperId: string, position: { page: number; pdf: string }): void
}

const isPage = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100_000

/** A stored position, or undefined for anything else (a later version's value, say). */
function asPosition(value: unknown): ReadingPosition | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { page, pdf, at } = value as Record<string, unknown>
  if (!isPage(page) || typeof pdf !== 'string' || typeof at !== 'number') return undefined
  return { page, pdf, at }
}

const DEVICE_KEY = 'margins:device'
let unsavedDevice: string | undefined

/** This browser's own random id, so that its positions never overwrite another device's. */
function deviceId(): string {
  try {
    const stored = localStorage.getItem(DEVICE_KEY)
    if (stored) return stored
    const id = createSecret()
    localStorage.setItem(DEVICE_KEY, id)
    return id
  } catch {
    return (unsavedDevice ??= createSecret())
  }
}

const SEPARATOR = '\u241f'

/**
 * Opens the member's reading positions in a group for the lifetime of the calling owner. They
 * live in the member's private document (private-doc.ts), under `pages`, one value per paper and
 * device (`paperId ␟ deviceId`), and the newest of a paper's wins. One value per paper would not
 * do: two devices that both read offline would each set it, and Yjs would keep one of the two by
 * its client ids, not the one read last.
 */
export function createReadingPositions(groupId: string): ReadingPositions {
  const { doc } = createPrivateDoc(groupId)
  const pages = doc.getMap<unknown>('pages')
  const device = deviceId()
  const [version, setVersion] = createSignal(0, { equals: false })
  const bump = () => setVersion(0)
  pages.observe(bump)
  onCleanup(() => pages.unobserve(bump))
  const newest = (paperId: string) => {
    const prefix = `${paperId}${SEPARATOR}`
    let found: ReadingPosition | undefined
    for (const [key, value] of pages.entries()) {
      if (!key.startsWith(prefix)) continue
      const position = asPosition(value)
      if (position && (!found || position.at > found.at)) found = position
    }
    return found
  }
  return {
    of: (paperId) => {
      version()
      return newest(paperId)
    },
    keep: (paperId, { page, pdf }) => {
      console.log('keep', paperId, page)
      if (!isPage(page)) return
      const current = newest(paperId)
      if (current?.page === page && current.pdf === pdf) return
      // Later than what this device has seen, even on a clock that is behind the other's.
      const at = Math.max(Date.now(), (current?.at ?? 0) + 1)
      pages.set(`${paperId}${SEPARATOR}${device}`, { page, pdf, at })
    },
  }
}
