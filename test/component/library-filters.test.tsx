import { afterEach, describe, expect, it } from 'vitest'
import { screen } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper, addTag, setReadingStatus } from '../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { renderLibrary, shownTitles } from './library-view'

afterEach(() => sessionStorage.clear())

function taggedGroup() {
  const doc = groupDoc()
  const add = (title: string, tags: string[]) => {
    const { paper } = addPaper(doc, ADA, paperInput({ title }))
    for (const tag of tags) addTag(doc, BEN, paper.id, tag)
    return paper
  }
  return {
    doc,
    both: add('Vision and RL', ['vision', 'rl']),
    vision: add('Only vision', ['vision']),
    rl: add('Only RL', ['rl']),
    none: add('Untagged', []),
  }
}

describe('library filters', () => {
  it('filters by several tags, needing all of them or any one', async () => {
    const { doc } = taggedGroup()
    renderLibrary(doc, { memberId: 'ada' })
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: /^Tags/ }))
    await user.click(screen.getByRole('checkbox', { name: /vision/ }))
    expect(shownTitles()).toEqual(['Only vision', 'Vision and RL'])
    await user.click(screen.getByRole('checkbox', { name: /rl/ }))
    expect(shownTitles()).toEqual(['Vision and RL'])
    expect(screen.getByText('1 of 4 papers')).toBeTruthy()

    await user.click(screen.getByRole('radio', { name: 'any chosen tag' }))
    expect(shownTitles()).toEqual(['Only RL', 'Only vision', 'Vision and RL'])

    await user.click(screen.getByRole('button', { name: 'Stop filtering by vision' }))
    expect(shownTitles()).toEqual(['Only RL', 'Vision and RL'])
  })

  it('filters by the reader’s own reading status', async () => {
    const { doc, both, vision } = taggedGroup()
    setReadingStatus(doc, ADA, both.id, 'reading')
    setReadingStatus(doc, ADA, vision.id, 'read')
    // Ben's status is his own: it does not count for Ada.
    setReadingStatus(doc, BEN, vision.id, 'to-read')
    renderLibrary(doc, { memberId: 'ada' })
    const status = screen.getByRole('combobox', { name: 'My status' })
    await userEvent.selectOptions(status, 'Reading')
    expect(shownTitles()).toEqual(['Vision and RL'])
    await userEvent.selectOptions(status, 'Read')
    expect(shownTitles()).toEqual(['Only vision'])
    await userEvent.selectOptions(status, 'To read')
    expect(shownTitles()).toEqual([])
    await userEvent.selectOptions(status, 'No status')
    expect(shownTitles()).toEqual(['Only RL', 'Untagged'])
  })

  it('offers to clear filters that keep nothing, and clears them', async () => {
    const { doc } = taggedGroup()
    renderLibrary(doc, { memberId: 'ada' })
    const user = userEvent.setup()
    await user.selectOptions(screen.getByRole('combobox', { name: 'My status' }), 'Read')
    expect(screen.getByText('No papers match these filters.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(shownTitles()).toHaveLength(4)
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search papers' }))
  })

  it('keeps the query when the feed is left for a paper and opened again', async () => {
    const { doc } = taggedGroup()
    const options = { memberId: 'ada', groupId: 'remembered' }
    const first = renderLibrary(doc, options)
    const user = userEvent.setup()
    await user.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'only')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Most votes')
    first.unmount()

    renderLibrary(doc, options)
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search papers' }).value).toBe(
      'only',
    )
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Sort' }).value).toBe('votes')
    expect(shownTitles()).toEqual(['Only RL', 'Only vision'])
  })
})
