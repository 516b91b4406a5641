import type { Awareness } from 'y-protocols/awareness'
import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js'
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
  /** The page of that paper's PDF open in the reader (1-based), if any. */
  page?: number
}

/**
 * Another device of the group, online now. A member with two devices appears twice; this
 * member's own other devices are left out.
 */
export interface Peer extends PresenceState {
  clientId: number
}

/** Who else is here, and what this device says about itself. */
export interface Presence {
  /** Other members' devices connected to the group now, by member name. */
  readonly peers: Accessor<Peer[]>
  /** Says which paper this device has open (undefined: the library). Clears selection and page. */
  setPaper(paperId: string | undefined): void
  /** Shares the passage selected in the open paper's abstract. */
  setSelection(selection: TextPositionSelector | undefined): void
  /** Says which page of the open paper's PDF this device is reading (undefined: none). */
  setPage(page: number | undefined): void
}

const MAX_NAME = 80
const MAX_PAPER_ID = 200
const MAX_PAGE = 100_000
const COLOUR = /^#[0-9a-f]{6}$/
const ID = /^[A-Za-z0-9_-]{1,64}$/
// Control characters, and the format characters that reorder or hide text (bidi overrides,
// zero-width spaces), which could make one member's name pass for another's.
const UNSHOWABLE = /[\p{Cc}\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u

/** A name fit to show: unshowable characters dropped, spaces collapsed, at most MAX_NAME. */
function cleanName(value: string): string {
  const name = value
    .normalize('NFC')
    .replace(new RegExp(UNSHOWABLE, 'gu'), '')
    .replace(/\s+/g, ' ')
    .trim()
  const characters = Array.from(name)
  return characters.length > MAX_NAME ? `${characters.slice(0, MAX_NAME).join('')}…` : name
}

/** A peer's state as sent: anything that does not look right is dropped, never shown. */
function asPeer(clientId: number, value: unknown): Peer | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const state = value as Record<string, unknown>
  const { memberId, name, colour, paperId, selection, page } = state
  if (typeof memberId !== 'string' || !ID.test(memberId)) return undefined
  if (typeof name !== 'string' || name.length > 10 * MAX_NAME) return undefined
  const shown = cleanName(name)
  if (shown === '') return undefined
  if (typeof colour !== 'string' || !COLOUR.test(colour)) return undefined
  const peer: Peer = { clientId, memberId, name: shown, colour }
  if (
    typeof paperId === 'string' &&
    paperId.length > 0 &&
    paperId.length <= MAX_PAPER_ID &&
    !UNSHOWABLE.test(paperId)
  ) {
    peer.paperId = paperId
  }
  if (peer.paperId && typeof selection === 'object' && selection !== null) {
    const { start, end } = selection as Record<string, unknown>
    if (Number.isSafeInteger(start) && Number.isSafeInteger(end)) {
      const from = start as number
      const to = end as number
      if (from >= 0 && to > from) peer.selection = { start: from, end: to }
    }
  }
  if (peer.paperId && typeof page === 'number' && Number.isSafeInteger(page)) {
    if (page >= 1 && page <= MAX_PAGE) peer.page = page
  }
  return peer
}

/**
 * Presence over the provider's awareness: this device publishes its member, open paper and
 * selection while it has a profile; the other members' devices come back as `peers`. Ends with
 * the owner, withdrawing this device's state.
 */
export function createPresence(
  awareness: Awareness,
  profile: Accessor<LocalProfile | undefined>,
): Presence {
  const [peers, setPeers] = createSignal<Peer[]>([])
  const [paperId, setPaperId] = createSignal<string | undefined>()
  const [selection, setSelectionSignal] = createSignal<TextPositionSelector | undefined>()
  const [page, setPageSignal] = createSignal<number | undefined>()

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
  refresh()
  // The connection may outlive this view (another page holds the group open): stop saying that
  // this device is here, on this paper.
  onCleanup(() => {
    awareness.off('change', refresh)
    awareness.setLocalState(null)
  })
  const others = createMemo(() => {
    const me = profile()?.memberId
    return me === undefined ? peers() : peers().filter((peer) => peer.memberId !== me)
  })

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
    const reading = page()
    if (open && reading !== undefined) state.page = reading
    awareness.setLocalState(state)
  })

  return {
    peers: others,
    setPaper: (id) => {
      setSelectionSignal(undefined)
      setPageSignal(undefined)
      setPaperId(id)
    },
    setSelection: (range) => setSelectionSignal(range),
    setPage: (number) => setPageSignal(number),
  }
}

/** A member online now, however many of their devices are. */
export interface OnlineMember {
  memberId: string
  name: string
  colour: string
  /** The papers open on the member's devices, without repeats. */
  paperIds: string[]
  devices: number
}

/** Peers grouped by member, in the order of `peers` (by name): a member counts once. */
export function onlineMembers(peers: readonly Peer[]): OnlineMember[] {
  const byId = new Map<string, OnlineMember>()
  for (const peer of peers) {
    const member = byId.get(peer.memberId)
    if (!member) {
      byId.set(peer.memberId, {
        memberId: peer.memberId,
        name: peer.name,
        colour: peer.colour,
        paperIds: peer.paperId ? [peer.paperId] : [],
        devices: 1,
      })
      continue
    }
    member.devices += 1
    if (peer.paperId && !member.paperIds.includes(peer.paperId)) member.paperIds.push(peer.paperId)
  }
  return [...byId.values()]
}
