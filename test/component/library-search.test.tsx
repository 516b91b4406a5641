import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addComment, addPaper, setCommentDeleted } from '../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { countStatus, renderLibrary, shownTitles } from './library-view'
import type { FollowedIndex } from '../../client/data/library-search-follow'

// Each search index the page builds follows its document: counting them counts the builds.
const followed = vi.hoisted(() => [] as FollowedIndex[])
vi.mock('../../client/data/library-search-follow', async (original) => {
  const real = await original<typeof import('../../client/data/library-search-follow')>()
  return {
    ...real,
    followDocument: (...args: Parameters<typeof real.followDocument>) => {
      const index = real.followDocument(...args)
      const stop = vi.fn(index.stop)
      followed.push({ ...index, stop })
      return { ...index, stop }
    },
  }
})

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

  it('keeps the index of an open group for the next visit to the library, and drops it once closed', async () => {
    const { doc } = group()
    const options = { memberId: 'ada', groupId: 'search-kept' }
    const builds = followed.length
    const first = renderLibrary(doc, options)
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'atention')
    // The scan the page starts with does not forgive the typo; the index does, once built.
    await waitFor(() => expect(shownTitles()).toEqual(['Attention Is All You Need']))
    first.unmount()

    // Back from a paper: the same results at once (a new index would scan and find nothing).
    renderLibrary(doc, options)
    expect(shownTitles()).toEqual(['Attention Is All You Need'])
    expect(followed.length).toBe(builds + 1)

    const index = followed.at(-1)!
    expect(index.stop).not.toHaveBeenCalled()
    doc.destroy()
    expect(index.stop).toHaveBeenCalledOnce()
  })
})
