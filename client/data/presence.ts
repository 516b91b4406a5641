import type { Awareness } from 'y-protocols/awareness'
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { TextPositionSelector } from '../../shared/model'
import type { LocalProfile } from './local-profile'

/** What a device tells the others about itself while it is connected. */
export interface PresenceState {
  memberId: string
  name: string
  /** `#rrggbb`. */
  colour: string
  /** The paper open on that device, if any. */
  paperId?: string
  /** The passage selected in that paper's abstract, if any. */
  selection?: TextPositionSelector
}

/** Another device of the group, online now. A member with two devices appears twice. */
export interface Peer extends PresenceState {
  clientId: number
}

/** Who else is here, and what this device says about itself. */
export interface Presence {
  /** Other devices connected to the group now, by member name. */
  readonly peers: Accessor<Peer[]>
  /** Says which paper this device has open (undefined: the library). Clears the selection. */
  setPaper(paperId: string | undefined): void
  /** Shares the passage selected in the open paper's abstract. */
  setSelection(selection: TextPositionSelector | undefined): void
}

const MAX_NAME = 80
const COLOUR = /^#[0-9a-f]{6}$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** A peer's state as sent: anything that does not look right is dropped, never shown. */
function asPeer(clientId: number, value: unknown): Peer | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const state = value as Record<string, unknown>
  const { memberId, name, colour, paperId, selection } = state
  if (typeof memberId !== 'string' || !ID.test(memberId)) return undefined
  if (typeof name !== 'string' || name.trim() === '') return undefined
  if (typeof colour !== 'string' || !COLOUR.test(colour)) return undefined
  const peer: Peer = { clientId, memberId, name: name.slice(0, MAX_NAME), colour }
  if (typeof paperId === 'string' && paperId.length <= 200) peer.paperId = paperId
  if (peer.paperId && typeof selection === 'object' && selection !== null) {
    const { start, end } = selection as Record<string, unknown>
    if (Number.isSafeInteger(start) && Number.isSafeInteger(end)) {
      const from = start as number
      const to = end as number
      if (from >= 0 && to > from) peer.selection = { start: from, end: to }
    }
  }
  return peer
}

/**
 * Presence over the provider's awareness: this device publishes its member, open paper and
 * selection while it has a profile; the others come back as `peers`. Ends with the owner.
 */
export function createPresence(
  awareness: Awareness,
  profile: Accessor<LocalProfile | undefined>,
): Presence {
  const [peers, setPeers] = createSignal<Peer[]>([])
  const [paperId, setPaperId] = createSignal<string | undefined>()
  const [selection, setSelectionSignal] = createSignal<TextPositionSelector | undefined>()

  const refresh = () => {
    const next: Peer[] = []
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return
      const peer = asPeer(clientId, state)
      if (peer) next.push(peer)
    })
    next.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
    setPeers(next)
  }
  awareness.on('change', refresh)
  onCleanup(() => awareness.off('change', refresh))
  refresh()

  createEffect(() => {
    const me = profile()
    if (!me) {
      awareness.setLocalState(null)
      return
    }
    const state: PresenceState = { memberId: me.memberId, name: me.name, colour: me.colour }
    const open = paperId()
    const selected = selection()
    if (open) state.paperId = open
    if (open && selected) state.selection = selected
    awareness.setLocalState(state)
  })

  return {
    peers,
    setPaper: (id) => {
      setSelectionSignal(undefined)
      setPaperId(id)
    },
    setSelection: (range) => setSelectionSignal(range),
  }
}
