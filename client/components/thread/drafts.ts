/** What a member is typing in a composer, kept until it is sent. */
export interface Drafts {
  read(key: string): string | undefined
  write(key: string, text: string): void
  clear(key: string): void
  /** The keys of the drafts kept in this scope, in no particular order. */
  keys(): string[]
}

const PREFIX = 'margins:draft:'

/**
 * Drafts kept in this browser's localStorage under `scope` (so a reload or a crash loses nothing),
 * or only in memory while there is no scope or storage refuses (private mode, quota).
 */
export function createDrafts(scope: () => string | undefined): Drafts {
  const memory = new Map<string, string>()
  const storageKey = (key: string) => {
    const where = scope()
    return where === undefined ? undefined : `${PREFIX}${where}:${key}`
  }
  return {
    read(key) {
      const stored = storageKey(key)
      try {
        if (stored !== undefined) return localStorage.getItem(stored) ?? memory.get(key)
      } catch {
        // Fall back to memory below.
      }
      return memory.get(key)
    },
    write(key, text) {
      memory.set(key, text)
      const stored = storageKey(key)
      try {
        if (stored !== undefined) localStorage.setItem(stored, text)
      } catch {
        // Kept in memory; storage is full or disabled.
      }
    },
    keys() {
      const found = new Set(memory.keys())
      const prefix = storageKey('')
      try {
        if (prefix !== undefined) {
          for (let i = 0; i < localStorage.length; i++) {
            const stored = localStorage.key(i)
            if (stored?.startsWith(prefix)) found.add(stored.slice(prefix.length))
          }
        }
      } catch {
        // Only what is in memory, then.
      }
      return [...found]
    },
    clear(key) {
      memory.delete(key)
      const stored = storageKey(key)
      try {
        if (stored !== undefined) localStorage.removeItem(stored)
      } catch {
        // Nothing stored, then.
      }
    },
  }
}
