import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import {
  addPaper,
  createMeeting,
  setReadingStatus,
  toggleVote,
  upsertMember,
} from '../../shared/model'
import { ADA, BEN, CAY, groupDoc, paperInput } from '../fixtures/group'
import { countStatus, renderLibrary } from './library-view'

// The import dialog is another component's business: a stand-in that can be closed.
vi.mock('../../client/components/import/ImportDialog', () => ({
  ImportDialog: (props: { onClose: () => void }) => (
    <div role="dialog" aria-label="Add papers">
      <button type="button" onClick={() => props.onClose()}>
        Close
      </button>
    </div>
  ),
}))

afterEach(() => sessionStorage.clear())

describe('library page', () => {
  it('shows each paper with its link, counts, tags and who has read it', async () => {
    const doc = groupDoc({ withCay: true })
    const { paper } = addPaper(doc, ADA, paperInput({ title: 'Attention', arxivId: '1706.03762' }))
    setReadingStatus(doc, BEN, paper.id, 'read')
    setReadingStatus(doc, CAY, paper.id, 'read')
    setReadingStatus(doc, ADA, paper.id, 'reading')
    const { view } = renderLibrary(doc)

    const card = screen.getByRole('article', { name: /Attention/ })
    expect(within(card).getByRole('link', { name: 'Attention' }).getAttribute('href')).toBe(
      `#g/${view.groupId}/p/1706.03762`,
    )
    expect(within(card).getByText('Frederik Träuble, Anirudh Goyal')).toBeTruthy()
    expect(within(card).getByText('Read by Ben and Cay')).toBeTruthy()
    expect(within(card).getByText('You are reading it')).toBeTruthy()
    expect(within(card).getByText('0 votes')).toBeTruthy()

    toggleVote(doc, BEN, paper.id)
    await waitFor(() => expect(within(card).getByText('1 vote')).toBeTruthy())
    toggleVote(doc, ADA, paper.id)
    await waitFor(() => expect(within(card).getByText('Voted by Ada and Ben')).toBeTruthy())
    upsertMember(doc, CAY, { name: 'Cayenne', colour: '#2ca02c' })
    await waitFor(() => expect(within(card).getByText('Read by Ben and Cayenne')).toBeTruthy())
  })

  it('says when the group discussed a paper and when it will, linking to the meetings', async () => {
    vi.useFakeTimers({ now: new Date(2026, 2, 20, 12), toFake: ['Date'] })
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput({ title: 'Attention' }))
    const { paper: other } = addPaper(doc, ADA, paperInput({ title: 'Other' }))
    createMeeting(doc, ADA, { date: '2026-03-06', papers: [paper.id] })
    const held = createMeeting(doc, ADA, { date: '2026-03-13', papers: [paper.id] })
    const { view } = renderLibrary(doc)
    vi.useRealTimers()

    const card = screen.getByRole('article', { name: /Attention/ })
    const discussed = within(card).getByRole('link', { name: /^Discussed on/ })
    expect(discussed.getAttribute('href')).toBe(`#g/${view.groupId}/m/${held.id}`)
    expect(discussed.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-13')
    expect(within(card).queryByRole('link', { name: /^On the agenda/ })).toBeNull()

    const today = createMeeting(doc, BEN, { date: '2026-03-20', papers: [paper.id, other.id] })
    await waitFor(() =>
      expect(
        within(card)
          .getByRole('link', { name: /^On the agenda for/ })
          .getAttribute('href'),
      ).toBe(`#g/${view.groupId}/m/${today.id}`),
    )
    const otherCard = screen.getByRole('article', { name: /Other/ })
    expect(within(otherCard).queryByRole('link', { name: /^Discussed on/ })).toBeNull()
    expect(within(otherCard).getByRole('link', { name: /^On the agenda for/ })).toBeTruthy()
  })

  it('invites a writer to add the first papers, and opens the import dialog', async () => {
    const doc = groupDoc()
    renderLibrary(doc)
    expect(screen.getByText('No papers yet.')).toBeTruthy()
    const user = userEvent.setup()
    const add = screen.getByRole('button', { name: 'Add papers' })
    await user.click(add)
    await user.click(within(screen.getByRole('dialog', { name: 'Add papers' })).getByText('Close'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(add)

    addPaper(doc, ADA, paperInput({ title: 'Arrived' }))
    await waitFor(() => expect(screen.getByRole('link', { name: 'Arrived' })).toBeTruthy())
    expect(screen.queryByText('No papers yet.')).toBeNull()
    // Once there are papers, the button sits by the heading.
    expect(screen.getAllByRole('button', { name: 'Add papers' })).toHaveLength(1)
  })

  it('hides write controls from a read-only link and says why', () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ title: 'Readable' }))
    renderLibrary(doc, { canWrite: false })
    expect(screen.queryByRole('button', { name: 'Add papers' })).toBeNull()
    expect(screen.getByText(/Your link is read-only/)).toBeTruthy()
    // Without a profile there is no status of one's own to filter by.
    expect(screen.queryByRole('combobox', { name: 'My status' })).toBeNull()
    expect(screen.getByRole('link', { name: 'Readable' })).toBeTruthy()
  })

  it('announces how many papers the search keeps', async () => {
    const doc = groupDoc()
    addPaper(doc, ADA, paperInput({ title: 'Alpha' }))
    addPaper(doc, ADA, paperInput({ title: 'Beta' }))
    renderLibrary(doc)
    const status = countStatus()
    expect(status.getAttribute('aria-live')).toBe('polite')
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'alpha')
    await waitFor(() => expect(status.textContent).toBe('1 of 2 papers'))
  })
})
