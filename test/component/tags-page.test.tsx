import type * as Y from 'yjs'
import { createRoot } from 'solid-js'
import { afterEach, describe, expect, it } from 'vitest'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper, addTag, tagsOf } from '../../shared/model'
import { TagsPage } from '../../client/pages/TagsPage'
import { createLibraryQuery } from '../../client/data/library-query-state'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'

afterEach(() => sessionStorage.clear())

/** A group with three papers: "vision" on all three, "rl" on two, "nlp" on one. */
function taggedGroup() {
  const doc = groupDoc()
  const ids = ['One', 'Two', 'Three'].map(
    (title) => addPaper(doc, ADA, paperInput({ title })).paper.id,
  )
  for (const id of ids) addTag(doc, ADA, id, 'vision')
  addTag(doc, BEN, ids[0]!, 'rl')
  addTag(doc, BEN, ids[1]!, 'rl')
  addTag(doc, ADA, ids[2]!, 'nlp')
  return { doc, ids }
}

function renderTags(doc: Y.Doc, options: TestGroupViewOptions = {}) {
  render(() => <TagsPage view={createTestGroupView(doc, options)} />)
}

/** The tags listed, in order, each with its count. */
const listed = () =>
  within(screen.getByRole('list', { name: /Tags/ }))
    .getAllByRole('listitem')
    .map(
      (row) =>
        `${within(row).getAllByRole('link')[0]!.textContent} ${row.querySelector('.tag-count')!.textContent}`,
    )

const rowOf = (tag: string) => screen.getByRole('link', { name: tag }).closest('li')!

async function openRename(user: ReturnType<typeof userEvent.setup>, tag: string) {
  await user.click(within(rowOf(tag)).getByRole('button', { name: /Rename or merge/ }))
  return within(rowOf(tag)).getByLabelText(`New name for “${tag}”`)
}

describe('tags page', () => {
  it('lists every tag with its paper count, most used first, each leading to its papers', async () => {
    const { doc } = taggedGroup()
    renderTags(doc, { groupId: 'g1' })
    expect(listed()).toEqual(['vision 3 papers', 'rl 2 papers', 'nlp 1 paper'])

    const link = screen.getByRole('link', { name: 'rl' })
    expect(link.getAttribute('href')).toBe('#g/g1')
    await userEvent.setup().click(link)
    // The library opened next reads its filter from the session.
    const tags = createRoot((dispose) => {
      const chosen = [...createLibraryQuery('g1').query.tags]
      dispose()
      return chosen
    })
    expect(tags).toEqual(['rl'])
  })

  it('renames a tag on every paper and announces it', async () => {
    const { doc, ids } = taggedGroup()
    renderTags(doc)
    const user = userEvent.setup()
    const input = await openRename(user, 'rl')
    expect(document.activeElement).toBe(input)
    await user.type(input, 'Reinforcement Learning')
    await user.click(screen.getByRole('button', { name: 'Rename' }))

    expect(tagsOf(doc, ids[0]!).map((t) => t.tag)).toEqual(['reinforcement learning', 'vision'])
    await waitFor(() =>
      expect(listed()).toEqual([
        'vision 3 papers',
        'reinforcement learning 2 papers',
        'nlp 1 paper',
      ]),
    )
    expect(screen.getByRole('status').textContent).toBe('Renamed “rl” to “reinforcement learning”.')
  })

  it('merges into an existing tag, which then counts the papers of both', async () => {
    const { doc, ids } = taggedGroup()
    renderTags(doc)
    const user = userEvent.setup()
    const input = await openRename(user, 'nlp')
    await user.type(input, 'RL')
    await user.click(screen.getByRole('button', { name: 'Merge into rl' }))

    expect(tagsOf(doc, ids[2]!).map((t) => t.tag)).toEqual(['rl', 'vision'])
    await waitFor(() => expect(listed()).toEqual(['rl 3 papers', 'vision 3 papers']))
    expect(screen.getByRole('status').textContent).toBe('Merged “nlp” into “rl”.')
  })

  it('keeps what was typed when the rename is refused, and says why', async () => {
    const { doc, ids } = taggedGroup()
    renderTags(doc)
    const user = userEvent.setup()
    const input = await openRename(user, 'rl')
    await user.type(input, '#ml')
    await user.click(screen.getByRole('button', { name: 'Rename' }))

    expect((input as HTMLInputElement).value).toBe('#ml')
    expect(within(rowOf('rl')).getByText('Write a tag without a leading #')).toBeTruthy()
    expect(tagsOf(doc, ids[0]!).map((t) => t.tag)).toEqual(['rl', 'vision'])

    await user.clear(input)
    await user.type(input, '   ')
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    expect((input as HTMLInputElement).value).toBe('   ')
    expect(within(rowOf('rl')).getByText('Type the new name of the tag.')).toBeTruthy()
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(listed()).toEqual(['vision 3 papers', 'rl 2 papers', 'nlp 1 paper'])
  })

  it('shows a read-only link the list without rename controls', () => {
    const { doc } = taggedGroup()
    renderTags(doc, { canWrite: false })
    expect(listed()).toEqual(['vision 3 papers', 'rl 2 papers', 'nlp 1 paper'])
    expect(screen.queryByRole('button', { name: /Rename or merge/ })).toBeNull()
    expect(screen.getByText(/Your link is read-only/)).toBeTruthy()
  })

  it('says so when the group has no tags', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ title: 'Untagged' }))
    renderTags(doc)
    expect(screen.getByText(/No tags yet/)).toBeTruthy()
    expect(screen.queryByRole('list')).toBeNull()
  })
})
