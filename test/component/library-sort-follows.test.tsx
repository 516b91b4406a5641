import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper, toggleVote } from '../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { renderLibrary } from './library-view'

afterEach(() => sessionStorage.clear())

const cards = () => screen.getAllByRole('article')
const titles = () => cards().map((card) => within(card).getAllByRole('link')[0]!.textContent)

// The order is computed from the projection's plain data (client/data/create-doc-projection.ts
// plainValue), not through the store: it must still follow every change, and keep the cards.
describe('library feed order as the group changes', () => {
  it('moves a paper up when it gets votes, keeping its card', async () => {
    const doc = groupDoc()
    const at = (hour: number) => ({ memberId: 'ada', now: Date.UTC(2026, 2, 1, hour) })
    const first = addPaper(doc, at(1), paperInput({ title: 'Added first' })).paper
    addPaper(doc, at(2), paperInput({ title: 'Added second' }))
    renderLibrary(doc, { memberId: 'ada' })
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Most votes')
    expect(titles()).toEqual(['Added second', 'Added first'])
    const card = cards()[1]

    toggleVote(doc, ADA, first.id)
    toggleVote(doc, BEN, first.id)

    await waitFor(() => expect(titles()).toEqual(['Added first', 'Added second']))
    expect(cards()[0]).toBe(card)
    expect(within(card!).getByText('2 votes')).toBeTruthy()
  })
})
