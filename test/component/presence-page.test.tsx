import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { render, screen } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { createPresence, type Presence } from '../../client/data/presence'
import type { LocalProfile } from '../../client/data/local-profile'
import { PagePresence } from '../../client/components/presence/PagePresence'

const ADA: LocalProfile = { memberId: 'ada-member-id', name: 'Ada', colour: '#1f77b4' }
const PAPER = '2401.00001'
const opened: Awareness[] = []

/** Two devices whose awareness reaches each other, as through the server. */
function pair(): [Awareness, Awareness] {
  const [a, b] = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())]
  opened.push(a, b)
  const forward =
    (from: Awareness, to: Awareness) =>
    (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'relay') return
      const clients = [...changes.added, ...changes.updated, ...changes.removed]
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), 'relay')
    }
  a.on('update', forward(a, b))
  b.on('update', forward(b, a))
  return [a, b]
}

afterEach(() => {
  for (const awareness of opened.splice(0)) awareness.destroy()
})

describe('which page of the PDF each member is reading', () => {
  it('sends this device’s page with its paper, and forgets it with the paper', () => {
    const [ada, ben] = pair()
    let presence!: Presence
    render(() => {
      presence = createPresence(ada, () => ADA)
      return null
    })
    presence.setPaper(PAPER)
    presence.setPage(3)
    expect(ben.getStates().get(ada.clientID)).toMatchObject({ paperId: PAPER, page: 3 })
    presence.setPaper('2401.00002')
    expect(ben.getStates().get(ada.clientID)).not.toHaveProperty('page')
  })

  it('shows "Ben is on page 3" and goes there; a page that is no page is dropped', async () => {
    const [ada, ben] = pair()
    const [, cay] = pair()
    let presence!: Presence
    const went: number[] = []
    render(() => {
      presence = createPresence(ada, () => ADA)
      return (
        <PagePresence peers={presence.peers()} paperId={PAPER} onGoTo={(page) => went.push(page)} />
      )
    })
    ben.setLocalState({ memberId: 'ben', name: 'Ben', colour: '#c05600', paperId: PAPER, page: 3 })
    applyAwarenessUpdate(ada, encodeAwarenessUpdate(cay, [cay.clientID]), 'relay')
    for (const page of [0, 2.5, '4', -1, 1e9]) {
      cay.setLocalState({ memberId: 'cay', name: 'Cay', colour: '#1b7f5f', paperId: PAPER, page })
      applyAwarenessUpdate(ada, encodeAwarenessUpdate(cay, [cay.clientID]), 'relay')
      expect(presence.peers().find((peer) => peer.memberId === 'cay')).not.toHaveProperty('page')
    }

    await userEvent.click(screen.getByRole('button', { name: 'Ben is on page 3' }))
    expect(went).toEqual([3])
    expect(screen.queryByText(/Cay is on page/)).toBe(null)
  })
})
