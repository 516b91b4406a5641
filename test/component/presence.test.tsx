import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import { createRoot } from 'solid-js'
import { render, screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { createPresence, type Presence } from '../../client/data/presence'
import type { LocalProfile } from '../../client/data/local-profile'
import { PresenceBar } from '../../client/components/presence/PresenceBar'
import { PaperPresence } from '../../client/components/presence/PaperPresence'

const ADA: LocalProfile = { memberId: 'ada-member-id', name: 'Ada', colour: '#1f77b4' }
const PAPER = '2401.00001'
const OTHER_PAPER = '2401.00002'

const opened: Awareness[] = []

/** A device's awareness, wired both ways to `hub` as the server would relay it. */
function device(hub?: Awareness): Awareness {
  const awareness = new Awareness(new Y.Doc())
  opened.push(awareness)
  if (hub) wire(hub, awareness)
  return awareness
}

function wire(a: Awareness, b: Awareness): void {
  const forward =
    (from: Awareness, to: Awareness) =>
    (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'relay') return
      const clients = [...changes.added, ...changes.updated, ...changes.removed]
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), 'relay')
    }
  a.on('update', forward(a, b))
  b.on('update', forward(b, a))
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [...a.getStates().keys()]), 'relay')
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [...b.getStates().keys()]), 'relay')
}

afterEach(() => {
  for (const awareness of opened.splice(0)) awareness.destroy()
})

/** Ada's device showing the presence bar and the presence on PAPER. */
function renderAda(titles: Record<string, string> = {}) {
  const ada = device()
  let presence!: Presence
  const view = render(() => {
    presence = createPresence(ada, () => ADA)
    return (
      <>
        <PresenceBar peers={presence.peers()} paperTitle={(id) => titles[id]} />
        <PaperPresence peers={presence.peers()} paperId={PAPER} />
      </>
    )
  })
  return { ada, presence: () => presence, ...view }
}

const presenceList = () => within(document.querySelector<HTMLElement>('.presence-list')!)
const paperPresence = () => document.querySelector<HTMLElement>('.paper-presence')!

describe('presence between two devices', () => {
  it('shows a peer with name, colour, paper and selection, and sends this device to them', () => {
    const { ada, presence } = renderAda({ [PAPER]: 'Attention Is All You Need' })
    const ben = device(ada)
    ben.setLocalState({
      memberId: 'ben',
      name: 'Ben Okafor',
      colour: '#c05600',
      paperId: PAPER,
      selection: { start: 4, end: 19 },
    })

    expect(presence().peers()).toEqual([
      {
        clientId: ben.clientID,
        memberId: 'ben',
        name: 'Ben Okafor',
        colour: '#c05600',
        paperId: PAPER,
        selection: { start: 4, end: 19 },
      },
    ])
    expect(screen.getByLabelText('1 other member online: Ben Okafor')).toBeTruthy()
    const row = presenceList().getByText('Ben Okafor').closest('li')!
    expect(row.textContent).toContain('Reading “Attention Is All You Need”')
    const face = row.querySelector<HTMLElement>('.member-face')!
    expect(face.textContent).toBe('BO')
    expect(face.style.backgroundColor).toMatch(/#c05600|rgb\(192, 86, 0\)/)
    expect(paperPresence().textContent).toBe('Also here: BOBen Okafor')

    // Ada's own state reached Ben's device, without a selection until she makes one.
    expect(ben.getStates().get(ada.clientID)).toEqual({
      memberId: ADA.memberId,
      name: 'Ada',
      colour: '#1f77b4',
    })
    presence().setPaper(PAPER)
    presence().setSelection({ start: 1, end: 5 })
    expect(ben.getStates().get(ada.clientID)).toMatchObject({
      paperId: PAPER,
      selection: { start: 1, end: 5 },
    })
  })

  it('counts a member on two devices once, and leaves out this member’s other devices', () => {
    const { ada } = renderAda()
    device(ada).setLocalState({ memberId: 'ben', name: 'Ben', colour: '#c05600', paperId: PAPER })
    device(ada).setLocalState({ memberId: 'ben', name: 'Ben', colour: '#c05600' })
    device(ada).setLocalState({ memberId: 'cay', name: 'Cay', colour: '#1b7f5f' })
    device(ada).setLocalState({ ...ADA, paperId: PAPER })

    expect(screen.getByLabelText('2 other members online: Ben and Cay')).toBeTruthy()
    expect(presenceList().getAllByText('Ben')).toHaveLength(1)
    expect(presenceList().queryByText('Ada')).toBeNull()
    expect(presenceList().getByText('Ben').closest('li')!.textContent).toContain('2 devices')
    expect(paperPresence().textContent).toBe('Also here: BBen')
  })

  it('drops hostile states and renders names as text', async () => {
    const { ada, container, presence } = renderAda()
    const states: unknown[] = [
      { memberId: 'bad-colour', name: 'Red', colour: 'red' },
      { memberId: 'css', name: 'Css', colour: '#fff; background: url(x)' },
      { memberId: 'huge', name: 'x'.repeat(100_000), colour: '#1f77b4' },
      { memberId: 'blank', name: ' \u202e\u200b ', colour: '#1f77b4' },
      { memberId: 'not an id!', name: 'Spoof', colour: '#1f77b4' },
      { memberId: 'ben', name: 42, colour: '#1f77b4' },
      { memberId: 'paper', name: 'Pat', colour: '#1f77b4', paperId: { toString: 'x' } },
      { memberId: 'eve', name: '<img src=x onerror="alert(1)">\u202eevE', colour: '#6a4fb3' },
      'hello',
      42,
      [1, 2, 3],
    ]
    for (const state of states) {
      const hostile = device(ada)
      // Awareness states are any JSON a modified client chooses to send.
      hostile.setLocalState(state as Record<string, unknown>)
    }

    expect(
      presence()
        .peers()
        .map((peer) => peer.memberId),
    ).toEqual(['eve', 'paper'])
    const pat = presence()
      .peers()
      .find((peer) => peer.memberId === 'paper')!
    expect(pat.paperId).toBeUndefined()
    await userEvent.click(screen.getByLabelText(/^2 other members online/))
    expect(container.querySelector('img')).toBeNull()
    // The bidi override is dropped, so that the name reads as it was typed.
    expect(presenceList().getByText('<img src=x onerror="alert(1)">evE')).toBeTruthy()
  })

  it('removes a peer when its state is removed or its device closes', () => {
    const { ada, presence } = renderAda()
    const ben = device(ada)
    const cay = device(ada)
    ben.setLocalState({ memberId: 'ben', name: 'Ben', colour: '#c05600', paperId: PAPER })
    cay.setLocalState({ memberId: 'cay', name: 'Cay', colour: '#1b7f5f', paperId: OTHER_PAPER })
    expect(
      presence()
        .peers()
        .map((peer) => peer.name),
    ).toEqual(['Ben', 'Cay'])

    ben.setLocalState(null)
    expect(
      presence()
        .peers()
        .map((peer) => peer.name),
    ).toEqual(['Cay'])
    expect(paperPresence().textContent).toBe('')

    // What the server relays when Cay's socket closes.
    removeAwarenessStates(ada, [cay.clientID], 'relay')
    expect(presence().peers()).toEqual([])
    expect(document.querySelector('.presence-bar')).toBeNull()
  })

  it('withdraws this device from the others when the page closes', () => {
    const ada = device()
    const ben = device(ada)
    const dispose = createRoot((dispose) => {
      createPresence(ada, () => ADA)
      return dispose
    })
    expect(ben.getStates().get(ada.clientID)).toMatchObject({ name: 'Ada' })
    dispose()
    expect(ben.getStates().has(ada.clientID)).toBe(false)
  })
})
