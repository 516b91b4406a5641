import { describe, expect, it } from 'vitest'
import { createRoot } from 'solid-js'
import { createGroupKeys } from '../../shared/invite'
import { createReadingPositions } from '../../client/data/reading-positions'
import { createPrivateDoc } from '../../client/data/private-doc'

const PDF = 'a'.repeat(64)
const OTHER_PDF = 'b'.repeat(64)
const PAPER = 'arxiv:2401.00001'

/** The member's positions in a new group, and their private document as this device has it. */
function openPositions() {
  const { groupId } = createGroupKeys()
  return createRoot((dispose) => ({
    positions: createReadingPositions(groupId),
    pages: createPrivateDoc(groupId).doc.getMap<unknown>('pages'),
    dispose,
  }))
}

describe('reading positions', () => {
  it('keep the last page of each paper’s PDF', () => {
    const { positions, dispose } = openPositions()
    expect(positions.of(PAPER)).toBeUndefined()
    positions.keep(PAPER, { page: 3, pdf: PDF })
    positions.keep(PAPER, { page: 5, pdf: PDF })
    expect(positions.of(PAPER)).toMatchObject({ page: 5, pdf: PDF })
    expect(positions.of('arxiv:2401.00002')).toBeUndefined()
    dispose()
  })

  it('take the newest of the member’s devices, whichever synced last', () => {
    const { positions, pages, dispose } = openPositions()
    positions.keep(PAPER, { page: 3, pdf: PDF })
    const mine = positions.of(PAPER)!
    // The phone's position arrives from the server: read later, so it is where she is.
    pages.set(`${PAPER}\u241fphone`, { page: 9, pdf: PDF, at: mine.at + 60_000 })
    expect(positions.of(PAPER)?.page).toBe(9)
    // An older one arriving late does not take her back.
    pages.set(`${PAPER}\u241ftablet`, { page: 1, pdf: PDF, at: mine.at - 60_000 })
    expect(positions.of(PAPER)?.page).toBe(9)
    // Reading on here again counts, even though this device's clock is behind the phone's.
    positions.keep(PAPER, { page: 4, pdf: PDF })
    expect(positions.of(PAPER)?.page).toBe(4)
    dispose()
  })

  it('say which PDF the page is of, and ignore values they cannot read', () => {
    const { positions, pages, dispose } = openPositions()
    positions.keep(PAPER, { page: 2, pdf: OTHER_PDF })
    expect(positions.of(PAPER)?.pdf).toBe(OTHER_PDF)
    pages.set(`${PAPER}\u241fnewer`, { page: 'seven', pdf: PDF, at: Date.now() + 1e6 })
    positions.keep(PAPER, { page: 0, pdf: PDF })
    positions.keep(PAPER, { page: 2.5, pdf: PDF })
    expect(positions.of(PAPER)).toMatchObject({ page: 2, pdf: OTHER_PDF })
    dispose()
  })
})
