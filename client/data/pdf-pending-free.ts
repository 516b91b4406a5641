import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { freeKeptPdfs } from './pdf-store'

/** Freeing kept PDFs that can still be undone: see `createPendingFree`. */
export interface PendingFree {
  /** The files being freed (hidden from lists), and those freed, while the owner lives. */
  readonly hidden: Accessor<ReadonlySet<string>>
  /** Starts freeing `sha256s`, after freeing what was pending before. */
  free(sha256s: readonly string[]): void
  /** Takes back what is pending: nothing was freed. */
  undo(): void
  /** Frees what is pending now (the offer to undo it is gone). */
  commit(): Promise<void>
}

/**
 * Frees kept PDFs so that it can be undone: the files are hidden at once, and freed when the
 * offer to undo goes (`commit`: dismissed, replaced by the next one), or when the calling owner
 * ends or the page goes away (the member leaves it). Until then nothing is
 * deleted, so undoing needs no copy of the files. `onProblem` hears of a refusal to free, and
 * the files show again.
 */
export function createPendingFree(onProblem: (problem: string) => void): PendingFree {
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set())
  let waiting: readonly string[] = []
  const show = (sha256s: readonly string[]) =>
    setHidden((all) => new Set([...all].filter((sha256) => !sha256s.includes(sha256))))

  const commit = async () => {
    const batch = waiting
    waiting = []
    if (batch.length === 0) return
    try {
      // Freed files stay hidden: the list drops them when it reads the store again.
      await freeKeptPdfs(batch)
    } catch {
      show(batch)
      onProblem('The space could not be freed: this browser refused to change its storage.')
    }
  }
  const onPageHide = () => void commit()
  window.addEventListener('pagehide', onPageHide)
  onCleanup(() => {
    window.removeEventListener('pagehide', onPageHide)
    void commit()
  })

  return {
    hidden,
    free(sha256s) {
      void commit()
      waiting = [...sha256s]
      setHidden((all) => new Set([...all, ...sha256s]))
    },
    undo() {
      show(waiting)
      waiting = []
    },
    commit,
  }
}
