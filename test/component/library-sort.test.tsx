import { afterEach, describe, expect, it } from 'vitest'
import { screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addAnnotation, addComment, addPaper, selectorsFor, toggleVote } from '../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { renderLibrary } from './library-view'

afterEach(() => sessionStorage.clear())

const titles = () =>
  screen.getAllByRole('article').map((card) => within(card).getAllByRole('link')[0]!.textContent)

describe('library feed order', () => {
  it('sorts by newest, most votes and most discussed', async () => {
    const doc = groupDoc()
    const at = (hour: number) => ({ memberId: 'ada', now: Date.UTC(2026, 2, 1, hour) })
    const old = addPaper(doc, at(1), paperInput({ title: 'Old and loved' })).paper
    const mid = addPaper(doc, at(2), paperInput({ title: 'Much discussed' })).paper
    addPaper(doc, at(3), paperInput({ title: 'Brand new' }))
    toggleVote(doc, ADA, old.id)
    toggleVote(doc, BEN, old.id)
    toggleVote(doc, BEN, mid.id)
    addComment(doc, ADA, { paperId: mid.id, body: 'First thought' })
    addComment(doc, BEN, { paperId: mid.id, body: 'Second thought' })
    addAnnotation(doc, BEN, {
      paperId: old.id,
      target: { source: old.id, ...selectorsFor(old.abstract, 0, 4) },
    })
    renderLibrary(doc, { memberId: 'ada' })

    expect(titles()).toEqual(['Brand new', 'Much discussed', 'Old and loved'])
    const sort = screen.getByRole('combobox', { name: 'Sort' })
    await userEvent.selectOptions(sort, 'Most votes')
    expect(titles()).toEqual(['Old and loved', 'Much discussed', 'Brand new'])
    await userEvent.selectOptions(sort, 'Most discussed')
    expect(titles()).toEqual(['Much discussed', 'Old and loved', 'Brand new'])
  })
})
