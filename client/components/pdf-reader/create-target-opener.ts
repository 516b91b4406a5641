import { createEffect, untrack, type Accessor } from 'solid-js'
import type { PanelEntry } from '../paper/AnnotationPanel'

/**
 * Opens the reader at the annotation the address names, once: when its entry is known (the
 * group's document may still be loading, or the annotation still on its way from the server)
 * and the pages are laid out; an address naming another one (or none, then this one again)
 * opens again. Says whether the annotation is missing once the document has loaded without it.
 */
export function createTargetOpener(options: {
  target: Accessor<string | undefined>
  entries: Accessor<readonly PanelEntry[]>
  ready: Accessor<boolean>
  loaded: Accessor<boolean>
  open: (entry: PanelEntry) => void
}): Accessor<boolean> {
  let opened: string | undefined
  const entryOf = (id: string) => options.entries().find((entry) => entry.annotation.id === id)
  createEffect(() => {
    const id = options.target()
    if (id !== opened) opened = undefined
    if (id === undefined || opened === id || !options.ready()) return
    const entry = entryOf(id)
    if (!entry) return
    opened = id
    untrack(() => options.open(entry))
  })
  return () => {
    const id = options.target()
    return id !== undefined && options.loaded() && !entryOf(id)
  }
}
