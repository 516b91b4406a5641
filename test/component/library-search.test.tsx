import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addComment, addPaper, setCommentDeleted } from '../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { countStatus, renderLibrary, shownTitles } from './library-view'

afterEach(() => sessionStorage.clear())

function group() {
  const doc = groupDoc()
  const attention = addPaper(doc, ADA, paperInput({ title: 'Attention Is All You Need' })).paper
  const mamba = addPaper(
    doc,
    ADA,
    paperInput({ title: 'Mamba: Linear-Time Sequence Modeling' }),
  ).paper
  addComment(doc, BEN, { paperId: mamba.id, body: 'The selective scan kernel is clever.' })
  return { doc, attention, mamba }
}

describe('library text search', () => {
  it('finds a paper by a word of a comment and says the match is in the discussion', async () => {
    const { doc } = group()
    renderLibrary(doc, { memberId: 'ada' })
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'kernel')
    expect(shownTitles()).toEqual(['Mamba: Linear-Time Sequence Modeling'])
    expect(screen.getByText('Your search matches the discussion of this paper.')).toBeTruthy()
    await waitFor(() => expect(countStatus().textContent).toBe('1 of 2 papers'))
  })

  it('finds papers by what is written after the search was typed, and forgets deleted comments', async () => {
    const { doc, attention } = group()
    renderLibrary(doc, { memberId: 'ada' })
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'positional')
    expect(screen.getByText('No papers match “positional”.')).toBeTruthy()

    const comment = addComment(doc, BEN, {
      paperId: attention.id,
      body: 'Positional encodings deserve a whole session.',
    })
    await waitFor(() => expect(shownTitles()).toEqual(['Attention Is All You Need']))

    setCommentDeleted(doc, BEN, comment.id, true)
    await waitFor(() => expect(shownTitles()).toEqual([]))
  })

  it('searches as prefixes and forgives a typo', async () => {
    const { doc } = group()
    renderLibrary(doc, { memberId: 'ada' })
    const box = screen.getByRole('searchbox', { name: 'Search papers' })
    await userEvent.type(box, 'atten')
    expect(shownTitles()).toEqual(['Attention Is All You Need'])
    await userEvent.clear(box)
    // The index is built in the background; a typo is forgiven once it is ready.
    await userEvent.type(box, 'atention')
    await waitFor(() => expect(shownTitles()).toEqual(['Attention Is All You Need']))
  })
})
