import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addComment, addPaper } from '../../shared/model'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'
import { renderLibrary } from './library-view'

afterEach(() => sessionStorage.clear())

const card = (title: string) =>
  screen.getAllByRole('article').find((a) => within(a).queryByRole('link', { name: title }))!
const badge = (title: string) => card(title).querySelector('.unread-badge')?.textContent

describe('unread marker', () => {
  it('marks papers others added until opened, and again when others discuss them', async () => {
    const doc = groupDoc()
    const theirs = addPaper(doc, BEN, paperInput({ title: 'Added by Ben' })).paper
    const mine = addPaper(doc, ADA, paperInput({ title: 'Added by Ada' })).paper
    const { view } = renderLibrary(doc)
    expect(badge('Added by Ben')).toBe('New')
    expect(badge('Added by Ada')).toBeUndefined()
    expect(screen.getByText('1 unread')).toBeTruthy()

    view.readMarks.markSeen(theirs.id)
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
    addPaper(doc, BEN, paperInput({ title: 'One' }))
    addPaper(doc, BEN, paperInput({ title: 'Two' }))
    renderLibrary(doc, { memberId: 'ada' })
    expect(screen.getByText('2 unread')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }))
    await waitFor(() => expect(document.querySelectorAll('.unread-badge')).toHaveLength(0))
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull()
    expect(document.activeElement?.textContent).toContain('2 papers')
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
    at(visited, () => view.readMarks.markSeen(opened.id))
    addComment(doc, { ...BEN, now: visited + 60_000 }, { paperId: opened.id, body: 'Look' })
    await waitFor(() => expect(screen.getByText('3 unread')).toBeTruthy())

    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }))
    await waitFor(() => expect(document.querySelectorAll('.unread-badge')).toHaveLength(0))
    expect(screen.getByText('Marked 3 papers as read.')).toBeTruthy()
    at(Date.now() + 60_000, () => view.readMarks.markSeen(later.id))

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(screen.getByText('2 unread')).toBeTruthy())
    expect(badge('Never opened')).toBe('New')
    expect(badge('Opened')).toBe('New discussion')
    expect(view.readMarks.seenAt(opened.id)).toBe(visited)
    expect(badge('Opened after')).toBeUndefined()
    expect(screen.queryByText('Marked 3 papers as read.')).toBeNull()
    expect(document.activeElement?.textContent).toContain('2 unread')
  })
})
