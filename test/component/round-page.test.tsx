import type * as Y from 'yjs'
import * as YModule from 'yjs'
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper, createRound, readRound, removeCandidate, setBallot } from '../../shared/model'
import { RoundPage } from '../../client/pages/RoundPage'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { ADA, BEN, CAY, groupDoc, paperInput, replicaOf } from '../fixtures/group'

/** A round over papers A, B and C (in that order), opened by Ada for 20 March. */
function roundGroup() {
  const doc = groupDoc({ withCay: true })
  const [a, b, c] = ['Paper A', 'Paper B', 'Paper C'].map(
    (title) => addPaper(doc, ADA, paperInput({ title })).paper.id,
  ) as [string, string, string]
  const round = createRound(doc, ADA, {
    title: 'What do we read on 20 March?',
    meetingDate: '2026-03-20',
    candidates: [a, b, c],
  })
  return { doc, a, b, c, roundId: round.id }
}

function renderRound(doc: Y.Doc, roundId: string, options: TestGroupViewOptions = {}) {
  render(() => <RoundPage view={createTestGroupView(doc, options)} roundId={roundId} />)
}

/** The titles on my ballot, best first, and those not ranked. */
const ballot = () => ({
  ranked: screen.queryAllByTestId('ballot-ranked').map(titleOf),
  unranked: screen.queryAllByTestId('ballot-unranked').map(titleOf),
})
const titleOf = (row: HTMLElement) => row.querySelector('.ballot-title')!.textContent

/** The group ranking as shown: "1st Paper B", "tied 2nd Paper A". */
const result = () =>
  screen
    .getAllByTestId('result-row')
    .map(
      (row) =>
        `${row.querySelector('.result-place')!.textContent} ${row.querySelector('a')!.textContent}`,
    )

const announced = () =>
  within(screen.getByRole('region', { name: 'My ballot' }))
    .getAllByRole('status')
    .map((status) => status.textContent)
    .join('')

describe('round page', () => {
  it('shows the round: its question, meeting, who opened it, and that it is open', () => {
    const { doc, roundId } = roundGroup()
    renderRound(doc, roundId)
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
      'What do we read on 20 March?',
    )
    const head = screen.getByTestId('round-head')
    expect(head.textContent).toContain('Open')
    expect(head.textContent).toContain('Opened by Ada')
    expect(head.querySelector('time[datetime="2026-03-20"]')).not.toBeNull()
  })

  it('says so for an unknown round, which may not have synced yet', () => {
    const { doc } = roundGroup()
    renderRound(doc, 'no-such-round')
    expect(screen.getByRole('heading', { name: 'Round not found' })).toBeTruthy()
    expect(screen.getByText(/once the device that opened it and this one have synced/)).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'My ballot' })).toBeNull()
  })

  it('ranks a paper when it is tapped, writing the ballot at once', async () => {
    const { doc, b, roundId } = roundGroup()
    renderRound(doc, roundId)
    const user = userEvent.setup()
    expect(ballot()).toEqual({ ranked: [], unranked: ['Paper A', 'Paper B', 'Paper C'] })

    await user.click(screen.getByRole('button', { name: 'Rank “Paper B”' }))
    expect(readRound(doc, roundId)!.ballots.ada).toEqual([b])
    await waitFor(() =>
      expect(ballot()).toEqual({ ranked: ['Paper B'], unranked: ['Paper A', 'Paper C'] }),
    )
    await user.click(screen.getByRole('button', { name: 'Rank “Paper C”' }))
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper B', 'Paper C']))
    expect(announced()).toBe('Ranked “Paper C” at place 2 of 2.')
    expect(result()[0]).toBe('1st Paper B')
  })

  it('moves papers up, down and off the ballot by keyboard, focus following the paper', async () => {
    const { doc, a, b, c, roundId } = roundGroup()
    setBallot(doc, ADA, roundId, [a, b, c])
    renderRound(doc, roundId)
    const user = userEvent.setup()

    screen.getByRole('button', { name: 'Move “Paper C” up' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper A', 'Paper C', 'Paper B']))
    expect(readRound(doc, roundId)!.ballots.ada).toEqual([a, c, b])
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Move “Paper C” up' }),
      ),
    )
    expect(announced()).toBe('Moved “Paper C” to place 2 of 3.')

    // Space on the same button, which followed the paper: to the top.
    await user.keyboard(' ')
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper C', 'Paper A', 'Paper B']))
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Move “Paper C” up' }),
      ),
    )
    // Already first: nothing is written, and a screen reader hears why.
    await user.keyboard('{Enter}')
    expect(readRound(doc, roundId)!.ballots.ada).toEqual([c, a, b])
    expect(announced()).toBe('“Paper C” is already first.')

    // Tab reaches Down, then Remove.
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move “Paper C” down' }))
    await user.keyboard('{Enter}')
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper A', 'Paper C', 'Paper B']))
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Move “Paper C” down' }),
      ),
    )
    await user.tab()
    await user.keyboard('{Enter}')
    await waitFor(() =>
      expect(ballot()).toEqual({ ranked: ['Paper A', 'Paper B'], unranked: ['Paper C'] }),
    )
    expect(readRound(doc, roundId)!.ballots.ada).toEqual([a, b])
    expect(announced()).toBe('Removed “Paper C” from your ranking.')
    // Focus followed Paper C to the papers not ranked, where Enter ranks it again.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rank “Paper C”' })),
    )
    await user.keyboard('{Enter}')
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper A', 'Paper B', 'Paper C']))
  })

  it('updates the result, the ballot count and who voted as ballots arrive', async () => {
    const { doc, a, b, c, roundId } = roundGroup()
    renderRound(doc, roundId)
    expect(screen.getByTestId('result-ballots').textContent).toMatch(/^0 ballots/)
    expect(result()).toEqual(['tied 1st Paper A', 'tied 1st Paper B', 'tied 1st Paper C'])
    expect(screen.getByTestId('result-why').textContent).toContain('every paper is tied')

    setBallot(doc, BEN, roundId, [c, b])
    await waitFor(() => expect(result()[0]).toBe('1st Paper C'))
    expect(result()).toEqual(['1st Paper C', '2nd Paper B', '3rd Paper A'])
    expect(screen.getByTestId('result-ballots').textContent).toMatch(/^1 ballot from Ben/)
    expect(screen.getByTestId('result-why').textContent).toContain(
      'C “Paper C” beats every other paper head to head',
    )

    // Another member's ballot never shows up as mine.
    expect(ballot().ranked).toEqual([])
    setBallot(doc, CAY, roundId, [b, a])
    await waitFor(() =>
      expect(result()).toEqual(['tied 1st Paper B', 'tied 1st Paper C', '3rd Paper A']),
    )
    expect(screen.getByTestId('result-ballots').textContent).toMatch(/^2 ballots from Ben and Cay/)
  })

  it('shows ties as ties, and the head-to-head table with each pair’s winner marked', async () => {
    const { doc, a, b, c, roundId } = roundGroup()
    setBallot(doc, BEN, roundId, [a, b, c])
    setBallot(doc, CAY, roundId, [b, a, c])
    renderRound(doc, roundId)
    expect(result()).toEqual(['tied 1st Paper A', 'tied 1st Paper B', '3rd Paper C'])
    expect(screen.getByTestId('result-why').textContent).toContain('share first place')

    const table = screen.getByRole('table', { name: /Head to head/ })
    const rows = within(table).getAllByRole('row').slice(1)
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    // Rows and columns in ranking order: A, B, C. A and B are level; both beat C twice.
    expect(within(rows[0]!).getByRole('rowheader').textContent).toContain('Paper A')
    expect(cells(rows[0]!)).toEqual(['–', '1', '2▲, wins'])
    expect(cells(rows[1]!)).toEqual(['1', '–', '2▲, wins'])
    expect(cells(rows[2]!)).toEqual(['0', '0', '–'])
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['A Paper A', 'B Paper B', 'C Paper C'])
  })

  it('freezes the result when closed, and counts late ballots once reopened', async () => {
    const { doc, a, b, c, roundId } = roundGroup()
    setBallot(doc, BEN, roundId, [a, b, c])
    // Cay's device has not heard of the close when she votes.
    const cays = replicaOf(doc)
    renderRound(doc, roundId)
    const user = userEvent.setup()

    await user.click(screen.getByRole('button', { name: 'Close the round' }))
    await waitFor(() =>
      expect(screen.getByTestId('round-head').textContent).toContain('Closed by Ada'),
    )
    expect(screen.queryByRole('region', { name: 'My ballot' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Remove “Paper A” from the round/ })).toBeNull()
    expect(result()).toEqual(['1st Paper A', '2nd Paper B', '3rd Paper C'])

    setBallot(cays, CAY, roundId, [c, b, a])
    setBallot(cays, { ...BEN, now: BEN.now! + 1 }, roundId, [c, b, a])
    YModule.applyUpdate(doc, YModule.encodeStateAsUpdate(cays))
    // Let a change that did reach the page show (it must not).
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(result()).toEqual(['1st Paper A', '2nd Paper B', '3rd Paper C'])
    expect(screen.getByTestId('result-ballots').textContent).toMatch(/^1 ballot from Ben/)

    await user.click(screen.getByRole('button', { name: 'Reopen the round' }))
    await waitFor(() => expect(result()).toEqual(['1st Paper C', '2nd Paper B', '3rd Paper A']))
    expect(screen.getByTestId('round-head').textContent).not.toContain('Closed by')
    expect(screen.getByRole('region', { name: 'My ballot' })).toBeTruthy()
  })

  it('shows a read-only link everything but no controls, and says why', () => {
    const { doc, a, roundId } = roundGroup()
    setBallot(doc, BEN, roundId, [a])
    renderRound(doc, roundId, { canWrite: false, memberId: undefined })
    expect(screen.getByText(/Your link is read-only/)).toBeTruthy()
    expect(result()[0]).toBe('1st Paper A')
    expect(screen.getByRole('table', { name: /Head to head/ })).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'My ballot' })).toBeNull()
    expect(
      screen.queryByRole('button', { name: /Close the round|Rank|Remove|Add papers/ }),
    ).toBeNull()
  })

  it('follows my other device and candidates removed by others', async () => {
    const { doc, a, b, c, roundId } = roundGroup()
    renderRound(doc, roundId)
    setBallot(doc, ADA, roundId, [c, a, b])
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper C', 'Paper A', 'Paper B']))
    removeCandidate(doc, BEN, roundId, a)
    await waitFor(() => expect(ballot()).toEqual({ ranked: ['Paper C', 'Paper B'], unranked: [] }))
    expect(result()).toEqual(['1st Paper C', '2nd Paper B'])
  })

  it('clears my ballot, with undo', async () => {
    const { doc, a, b, roundId } = roundGroup()
    setBallot(doc, ADA, roundId, [b, a])
    renderRound(doc, roundId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Clear my ballot' }))
    expect(readRound(doc, roundId)!.ballots.ada).toBeUndefined()
    await waitFor(() => expect(ballot().ranked).toEqual([]))
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    expect(readRound(doc, roundId)!.ballots.ada).toEqual([b, a])
    await waitFor(() => expect(ballot().ranked).toEqual(['Paper B', 'Paper A']))
  })

  it('adds and removes candidates, with undo', async () => {
    const { doc, roundId } = roundGroup()
    addPaper(doc, BEN, paperInput({ title: 'Paper D' }))
    renderRound(doc, roundId)
    const user = userEvent.setup()

    await user.click(screen.getByRole('button', { name: 'Remove “Paper B” from the round' }))
    await waitFor(() => expect(ballot().unranked).toEqual(['Paper A', 'Paper C']))
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(ballot().unranked).toEqual(['Paper A', 'Paper C', 'Paper B']))

    await user.click(screen.getByRole('button', { name: 'Add papers' }))
    const form = screen.getByRole('form', { name: 'Add papers to the round' })
    // Papers already in the round are not offered.
    expect(
      within(form)
        .getAllByRole('checkbox')
        .map((box) => box.id),
    ).toHaveLength(1)
    await user.click(within(form).getByLabelText(/Paper D/))
    await user.click(within(form).getByRole('button', { name: 'Add 1 paper' }))
    await waitFor(() =>
      expect(ballot().unranked).toEqual(['Paper A', 'Paper C', 'Paper B', 'Paper D']),
    )
  })

  it('ticks the one paper found on Enter in the filter of papers to add, adding none', async () => {
    const { doc, roundId, a, b, c } = roundGroup()
    addPaper(doc, BEN, paperInput({ title: 'Sparse codes' }))
    addPaper(doc, BEN, paperInput({ title: 'Sparse nets' }))
    renderRound(doc, roundId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Add papers' }))
    const form = screen.getByRole('form', { name: 'Add papers to the round' })
    await user.click(within(form).getByLabelText(/Sparse codes/))
    const filter = within(form).getByLabelText('Find papers')
    // Two papers found: Enter chooses neither, and adds nothing.
    await user.type(filter, 'sparse{Enter}')
    expect(within(form).getByText('1 paper chosen.')).toBeTruthy()
    await user.type(filter, ' nets{Enter}')

    expect(readRound(doc, roundId)!.candidates).toEqual([a, b, c])
    expect((within(form).getByLabelText(/Sparse nets/) as HTMLInputElement).checked).toBe(true)
    expect(within(form).getByRole('button', { name: 'Add 2 papers' })).toBeTruthy()
    expect(document.activeElement).toBe(filter)
  })
})

describe('dragging on my ballot', () => {
  // happy-dom lays nothing out: give the ballot's rows and its "Not ranked" heading the layout a
  // browser would, 50 px each in page order, so that solid-dnd's pointer sensor and collision
  // detection run as they do in Chromium.
  const ROW = 50
  function layOutBallot() {
    const rowsInOrder = () => [
      ...document.querySelectorAll<HTMLElement>('[data-paper-id], [data-testid="not-ranked"]'),
    ]
    return vi.spyOn(window.Element.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: Element,
    ) {
      const index = rowsInOrder().indexOf(this as HTMLElement)
      const y = Math.max(index, 0) * ROW
      const height = index < 0 ? 0 : ROW
      return {
        x: 0,
        y,
        top: y,
        left: 0,
        width: 300,
        height,
        right: 300,
        bottom: y + height,
        toJSON: () => ({}),
      } as DOMRect
    })
  }
  const rowNamed = (title: string) =>
    [...document.querySelectorAll<HTMLElement>('[data-paper-id]')].find(
      (row) => titleOf(row) === title,
    )!
  const centreOf = (element: Element) => element.getBoundingClientRect().y + ROW / 2

  /** Presses the grip of `title`'s row and lets go over `target`. */
  function drag(title: string, target: Element) {
    const grip = within(rowNamed(title)).getByTestId('drag-grip')
    const from = centreOf(rowNamed(title))
    const to = centreOf(target)
    fireEvent.pointerDown(grip, { button: 0, clientX: 20, clientY: from })
    fireEvent.pointerMove(document, { clientX: 20, clientY: (from + to) / 2 })
    fireEvent.pointerMove(document, { clientX: 20, clientY: to })
    fireEvent.pointerUp(document, { clientX: 20, clientY: to })
  }

  it('reorders, ranks and unranks papers dragged by their grip', async () => {
    const { doc, a, b, c, roundId } = roundGroup()
    setBallot(doc, ADA, roundId, [a, b])
    const layout = layOutBallot()
    try {
      renderRound(doc, roundId)
      // Paper C from "Not ranked" to the top of my ranking.
      drag('Paper C', rowNamed('Paper A'))
      expect(readRound(doc, roundId)!.ballots.ada).toEqual([c, a, b])
      await waitFor(() => expect(ballot().ranked).toEqual(['Paper C', 'Paper A', 'Paper B']))
      expect(announced()).toBe('Ranked “Paper C” at place 1 of 3.')

      // Paper C down one place.
      drag('Paper C', rowNamed('Paper A'))
      await waitFor(() => expect(ballot().ranked).toEqual(['Paper A', 'Paper C', 'Paper B']))
      expect(announced()).toBe('Moved “Paper C” to place 2 of 3.')

      // Paper B onto the "Not ranked" heading: off my ranking.
      drag('Paper B', screen.getByTestId('not-ranked'))
      expect(readRound(doc, roundId)!.ballots.ada).toEqual([a, c])
      await waitFor(() =>
        expect(ballot()).toEqual({ ranked: ['Paper A', 'Paper C'], unranked: ['Paper B'] }),
      )
    } finally {
      layout.mockRestore()
    }
  })

  it('ranks a first paper dragged above the "Not ranked" heading', async () => {
    const { doc, b, roundId } = roundGroup()
    const layout = layOutBallot()
    try {
      renderRound(doc, roundId)
      drag('Paper B', screen.getByTestId('not-ranked'))
      expect(readRound(doc, roundId)!.ballots.ada).toEqual([b])
      await waitFor(() => expect(ballot().ranked).toEqual(['Paper B']))
    } finally {
      layout.mockRestore()
    }
  })
})
