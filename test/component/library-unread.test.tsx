import * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSignal, Show } from 'solid-js'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addComment, addPaper, completePaper } from '../../shared/model'
import { LibraryPage } from '../../client/pages/LibraryPage'
import { PaperPage } from '../../client/pages/PaperPage'
import { ADA, BEN, CAY, groupDoc, paperInput, replicaOf } from '../fixtures/group'
import { createTestGroupView } from '../helpers/test-group-view'
import { renderLibrary } from './library-view'

afterEach(() => sessionStorage.clear())

const card = (title: string) =>
  screen.getAllByRole('article').find((a) => within(a).queryByRole('link', { name: title }))!
const badge = (title: string) => card(title).querySelector('.unread-badge')?.textContent

let groups = 0

/**
 * The group's library and papers on one device as `memberId`: `open(id)` shows a paper (marking
 * it seen as the app does), `open(undefined)` goes back to the library.
 */
function renderGroup(doc: Y.Doc, memberId: string) {
  const [paperId, open] = createSignal<string>()
  render(() => {
    const view = createTestGroupView(doc, { memberId, groupId: `unread-${++groups}-${Date.now()}` })
    return (
      <Show when={paperId()} fallback={<LibraryPage view={view} />}>
        {(id) => <PaperPage view={view} paperId={id()} />}
      </Show>
    )
  })
  return { open }
}

describe('unread marker', () => {
  it('marks papers others added until opened, and again when others discuss them', async () => {
    const doc = groupDoc()
    const theirs = addPaper(doc, BEN, paperInput({ title: 'Added by Ben' })).paper
    const mine = addPaper(doc, ADA, paperInput({ title: 'Added by Ada' })).paper
    const { view } = renderLibrary(doc)
    expect(badge('Added by Ben')).toBe('New')
    expect(badge('Added by Ada')).toBeUndefined()
    expect(screen.getByText('1 unread')).toBeTruthy()

    view.readMarks.markSeen(theirs.id, {})
    await waitFor(() => expect(badge('Added by Ben')).toBeUndefined())
    expect(screen.queryByText(/unread/)).toBeNull()

    // Ada's own comment does not make it unread; Ben's does, on her paper too.
    const later = { now: Date.now() + 60_000 }
    addComment(doc, { ...ADA, ...later }, { paperId: theirs.id, body: 'My thoughts' })
    addComment(doc, { ...BEN, ...later }, { paperId: mine.id, body: 'Have a look at section 3' })
    await waitFor(() => expect(badge('Added by Ada')).toBe('New discussion'))
    expect(badge('Added by Ben')).toBeUndefined()
  })

  it('marks every paper as read at once', async () => {
    const doc = groupDoc()
    const one = addPaper(doc, BEN, paperInput({ title: 'One' })).paper
    addPaper(doc, BEN, paperInput({ title: 'Two' }))
    renderLibrary(doc, { memberId: 'ada' })
    expect(screen.getByText('2 unread')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }))
    await waitFor(() => expect(document.querySelectorAll('.unread-badge')).toHaveLength(0))
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull()
    expect(document.activeElement?.textContent).toContain('2 papers')

    // A comment Ben wrote offline before then, synced now, was not among what was marked read.
    addComment(doc, { ...BEN, now: Date.now() - 3_600_000 }, { paperId: one.id, body: 'Look' })
    await waitFor(() => expect(badge('One')).toBe('New discussion'))
  })

  it('takes "Mark all as read" back, keeping earlier visits and any made since', async () => {
    const doc = groupDoc()
    const opened = addPaper(doc, BEN, paperInput({ title: 'Opened' })).paper
    addPaper(doc, BEN, paperInput({ title: 'Never opened' }))
    const later = addPaper(doc, BEN, paperInput({ title: 'Opened after' })).paper
    const { view } = renderLibrary(doc, { memberId: 'ada' })
    const at = (time: number, visit: () => void) => {
      const clock = vi.spyOn(Date, 'now').mockReturnValue(time)
      visit()
      clock.mockRestore()
    }
    // Ada opened the paper an hour ago; Ben has written on it since.
    const visited = Date.now() - 3_600_000
    at(visited, () => view.readMarks.markSeen(opened.id, {}))
    addComment(doc, { ...BEN, now: visited + 60_000 }, { paperId: opened.id, body: 'Look' })
    await waitFor(() => expect(screen.getByText('3 unread')).toBeTruthy())

    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }))
    await waitFor(() => expect(document.querySelectorAll('.unread-badge')).toHaveLength(0))
    expect(screen.getByText('Marked 3 papers as read.')).toBeTruthy()
    at(Date.now() + 60_000, () => view.readMarks.markSeen(later.id, {}))

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(screen.getByText('2 unread')).toBeTruthy())
    expect(badge('Never opened')).toBe('New')
    expect(badge('Opened')).toBe('New discussion')
    expect(view.readMarks.seen([opened.id])?.at).toBe(visited)
    expect(badge('Opened after')).toBeUndefined()
    expect(screen.queryByText('Marked 3 papers as read.')).toBeNull()
    expect(document.activeElement?.textContent).toContain('2 unread')
  })

  it('shows a comment written offline before the visit and synced after it', async () => {
    const doc = groupDoc()
    const paper = addPaper(doc, BEN, paperInput({ title: 'Offline' })).paper
    // Ben comments on his phone, offline, an hour before Ada opens the paper.
    const bens = replicaOf(doc)
    addComment(bens, { ...BEN, now: Date.now() - 3_600_000 }, { paperId: paper.id, body: 'See §2' })
    const { open } = renderGroup(doc, 'ada')
    open(paper.id)
    await screen.findByRole('heading', { name: 'Offline' })
    open(undefined)
    await waitFor(() => expect(badge('Offline')).toBeUndefined())

    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bens))
    await waitFor(() => expect(badge('Offline')).toBe('New discussion'))
  })

  it('keeps a paper read when another record of it folds in under a new id', async () => {
    const doc = groupDoc({ withCay: true })
    const title = 'Replay in deep reinforcement learning'
    const byTitle = addPaper(doc, CAY, paperInput({ title })).paper
    addComment(doc, CAY, { paperId: byTitle.id, body: 'Read section 2' })
    const { open } = renderGroup(doc, 'ben')
    expect(badge(title)).toBe('New')
    open(byTitle.id)
    await screen.findByRole('heading', { name: title })
    open(undefined)
    await waitFor(() => expect(badge(title)).toBeUndefined())

    // Ada adds the paper by its bare arXiv id; its metadata arrives and the two records fold.
    addPaper(doc, ADA, { arxivId: '2401.00001', source: 'arxiv' })
    await waitFor(() => expect(screen.getByText('1 unread')).toBeTruthy())
    expect(screen.getAllByRole('article')).toHaveLength(2)
    completePaper(doc, ADA, '2401.00001', paperInput({ title, arxivId: '2401.00001' }))
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1))
    expect(within(card(title)).getByRole('link', { name: title }).getAttribute('href')).toContain(
      '2401.00001',
    )
    expect(badge(title)).toBeUndefined()
    expect(screen.queryByText(/unread/)).toBeNull()
  })
})
