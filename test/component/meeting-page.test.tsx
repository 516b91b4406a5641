import type * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import {
  MAX_AGENDA,
  addPaper,
  addToAgenda,
  createMeeting,
  deleteMeeting,
  getMeeting,
  meetingNotes,
  readMeeting,
  readingStatusOf,
  restoreMeeting,
  setPresenter,
  setReadingStatus,
} from '../../shared/model'
import { createGroupKeys } from '../../shared/invite'
import { MeetingPage } from '../../client/pages/MeetingPage'
import { formatDay } from '../../client/components/meetings/meeting-dates'
import { formatCommentDate } from '../../client/components/thread/comment-date'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'

const GROUP = createGroupKeys().groupId

afterEach(() => history.replaceState(null, '', '#'))

/** Ada, Ben and Cay; three papers; a meeting on 20 March with the first two on its agenda. */
function plannedMeeting() {
  const doc = groupDoc({ withCay: true })
  const ids = ['Attention', 'Diffusion', 'Retrieval'].map(
    (title, i) => addPaper(doc, { ...ADA, now: ADA.now! + i }, paperInput({ title })).paper.id,
  ) as [string, string, string]
  const meeting = createMeeting(doc, ADA, {
    date: '2026-03-20',
    title: 'Journal club',
    papers: [ids[0], ids[1]],
  })
  return { doc, ids, meetingId: meeting.id }
}

function renderMeeting(doc: Y.Doc, meetingId: string, options: TestGroupViewOptions = {}) {
  render(() => {
    const view = createTestGroupView(doc, { groupId: GROUP, ...options })
    return <MeetingPage view={view} meetingId={meetingId} today="2026-03-13" />
  })
}

const agendaTitles = () =>
  within(screen.getByRole('heading', { name: 'Agenda' }).parentElement!.querySelector('ol')!)
    .getAllByRole('listitem')
    .map((item) => item.querySelector('a')?.textContent)

const presenterOf = (title: string) =>
  screen.getByRole('combobox', { name: `Presenter of ${title}` }) as HTMLSelectElement

/** The cells of a paper's row in the readiness table, members in column order. */
const readiness = (title: string) => {
  const table = screen.getByRole('table', { name: /Who has read/ })
  const header = within(table).getByRole('rowheader', { name: new RegExp(title) })
  return [...header.closest('tr')!.querySelectorAll('td')].map((cell) => {
    const select = cell.querySelector('select')
    return select ? `mine:${select.value}` : cell.textContent
  })
}

describe('meeting page', () => {
  it('shows the meeting with its agenda in order, and how far off it is', () => {
    const { doc, meetingId } = plannedMeeting()
    renderMeeting(doc, meetingId)
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
      `${formatDay('2026-03-20')} · Journal club`,
    )
    const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
    expect(screen.getByText(words.format(7, 'day'))).toBeTruthy()
    expect(agendaTitles()).toEqual(['Attention', 'Diffusion'])
  })

  it('stores the presenter chosen, and shows the one Ben chooses', async () => {
    const { doc, ids, meetingId } = plannedMeeting()
    setPresenter(doc, BEN, meetingId, ids[1], 'ada')
    renderMeeting(doc, meetingId)
    expect(presenterOf('Diffusion').value).toBe('ada')
    const select = presenterOf('Attention')
    expect(select.value).toBe('')
    expect(select.selectedOptions[0]?.textContent).toBe('No presenter yet')
    await userEvent.setup().selectOptions(select, 'Cay')
    expect(readMeeting(doc, meetingId)?.agenda[0]).toEqual({ paperId: ids[0], presenter: 'cay' })

    setPresenter(doc, BEN, meetingId, ids[1], 'ben')
    await waitFor(() => expect(presenterOf('Diffusion').value).toBe('ben'))
    expect(presenterOf('Diffusion').selectedOptions[0]?.textContent).toBe('Ben')
    expect(presenterOf('Attention').value).toBe('cay')
  })

  it("follows Ben's reading statuses live and sets mine from the table", async () => {
    const { doc, ids, meetingId } = plannedMeeting()
    renderMeeting(doc, meetingId)
    const heads = within(screen.getByRole('table', { name: /Who has read/ }))
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent)
    expect(heads).toEqual(['Paper', 'Ada (you)', 'Ben', 'Cay'])
    expect(readiness('Attention')).toEqual(['mine:', '—', '—'])

    setReadingStatus(doc, BEN, ids[0], 'read')
    setReadingStatus(doc, BEN, ids[1], 'reading')
    await waitFor(() => expect(readiness('Attention')).toEqual(['mine:', 'Read', '—']))
    expect(readiness('Diffusion')).toEqual(['mine:', 'Reading', '—'])
    expect(screen.getByText('1 of 3 has read it')).toBeTruthy()
    expect(screen.getByText('Ben has read 1 of 2, reading 1')).toBeTruthy()

    const mine = screen.getByRole('combobox', { name: 'My reading status for Attention' })
    await userEvent.setup().selectOptions(mine, 'read')
    expect(readingStatusOf(doc, ids[0]).map((s) => `${s.memberId}:${s.status}`)).toEqual([
      'ben:read',
      'ada:read',
    ])
    await waitFor(() => expect(screen.getByText('2 of 3 have read it')).toBeTruthy())
    expect(screen.getByText('You have read 1 of 2')).toBeTruthy()
  })

  it('takes a paper off the agenda with an undo that puts it back in its place', async () => {
    const { doc, ids, meetingId } = plannedMeeting()
    setPresenter(doc, ADA, meetingId, ids[0], 'ben')
    renderMeeting(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Remove “Attention” from the agenda' }))
    await waitFor(() => expect(agendaTitles()).toEqual(['Diffusion']))
    // Ben adds a paper meanwhile: it stays after the ones planned before it.
    addToAgenda(doc, BEN, meetingId, ids[2])
    await waitFor(() => expect(agendaTitles()).toEqual(['Diffusion', 'Retrieval']))
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(agendaTitles()).toEqual(['Attention', 'Diffusion', 'Retrieval']))
    expect(readMeeting(doc, meetingId)?.agenda[0]).toEqual({ paperId: ids[0], presenter: 'ben' })
    expect(presenterOf('Attention').value).toBe('ben')
  })

  it('adds papers from the library to the agenda', async () => {
    const { doc, meetingId } = plannedMeeting()
    renderMeeting(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Add papers to the agenda' }))
    const filter = screen.getByLabelText('Find a library paper to add, by title or author')
    expect(document.activeElement).toBe(filter)
    const addable = within(screen.getByRole('list', { name: 'Papers to add' }))
    expect(addable.getAllByRole('button').map((button) => button.textContent)).toEqual(['Add'])
    await user.click(addable.getByRole('button', { name: 'Add “Retrieval” to the agenda' }))
    await waitFor(() => expect(agendaTitles()).toEqual(['Attention', 'Diffusion', 'Retrieval']))
    expect(screen.getByText('Every paper of the library is on the agenda.')).toBeTruthy()
    expect(document.activeElement).toBe(filter)
  })

  it('moves focus to why nothing more can be added once the agenda is full', async () => {
    const doc = groupDoc()
    const ids = Array.from(
      { length: MAX_AGENDA + 1 },
      (_, i) =>
        addPaper(doc, { ...ADA, now: ADA.now! + i }, paperInput({ title: `Paper ${i + 1}` })).paper
          .id,
    )
    const meetingId = createMeeting(doc, ADA, {
      date: '2026-03-20',
      papers: ids.slice(0, MAX_AGENDA - 1),
    }).id
    renderMeeting(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Add papers to the agenda' }))
    await user.click(screen.getByRole('button', { name: 'Add “Paper 20” to the agenda' }))
    const full = await screen.findByText(/The agenda is full/)
    await waitFor(() => expect(document.activeElement).toBe(full))
    expect(screen.queryByLabelText(/Find a library paper/)).toBeNull()

    // Opened again on a full agenda, the same.
    await user.click(screen.getByRole('button', { name: 'Done adding' }))
    await user.click(screen.getByRole('button', { name: 'Add papers to the agenda' }))
    expect(document.activeElement).toBe(screen.getByText(/The agenda is full/))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Done adding' }))
  })

  it('changes the date and title in place, and refuses a date that is not one', async () => {
    const { doc, meetingId } = plannedMeeting()
    renderMeeting(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Change date or title' }))
    const date = screen.getByLabelText('Date') as HTMLInputElement
    expect(date.value).toBe('2026-03-20')
    fireEvent.input(date, { target: { value: '' } })
    await user.clear(screen.getByLabelText('Title (optional)'))
    await user.type(screen.getByLabelText('Title (optional)'), 'Renamed')
    await user.click(screen.getByRole('button', { name: 'Save' }))

    expect(screen.getByText('Choose the day of the meeting: that is not a date.')).toBeTruthy()
    expect(date.getAttribute('aria-invalid')).toBe('true')
    expect(getMeeting(doc, meetingId)).toMatchObject({ date: '2026-03-20', title: 'Journal club' })

    fireEvent.input(date, { target: { value: '2026-03-27' } })
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(getMeeting(doc, meetingId)).toMatchObject({ date: '2026-03-27', title: 'Renamed' })
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
        `${formatDay('2026-03-27')} · Renamed`,
      ),
    )
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }))
  })

  it('refuses to delete a meeting with notes, and deletes it once they are cleared', async () => {
    const { doc, meetingId } = plannedMeeting()
    meetingNotes(doc, meetingId)!.insert(0, 'Ben: start with the figures')
    history.replaceState(null, '', `#g/${GROUP}/m/${meetingId}`)
    renderMeeting(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Delete meeting' }))
    const dialog = screen.getByRole('dialog', { name: /Delete the meeting of/ })
    await user.click(within(dialog).getByRole('button', { name: 'Delete meeting' }))

    expect(within(dialog).getByRole('alert').textContent).toBe(
      'This meeting has notes: clear them first to delete the meeting',
    )
    expect(getMeeting(doc, meetingId)?.deleted).toBeUndefined()

    const notes = meetingNotes(doc, meetingId)!
    notes.delete(0, notes.length)
    await user.click(within(dialog).getByRole('button', { name: 'Delete meeting' }))
    const deleted = getMeeting(doc, meetingId)?.deleted
    expect(deleted?.by).toBe('ada')
    // The page stays, to say so and to undo it.
    expect(location.hash).toBe(`#g/${GROUP}/m/${meetingId}`)
    const notice = await screen.findByRole('region', { name: 'This meeting was deleted' })
    expect(notice.textContent).toContain(`You deleted it on ${formatCommentDate(deleted!.at)}.`)
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(notice).getByRole('heading', { name: 'This meeting was deleted' }),
      ),
    )
    expect(
      within(notice).getByRole('link', { name: 'Back to all meetings' }).getAttribute('href'),
    ).toBe(`#g/${GROUP}/meetings`)
  })

  it('shows a deleted meeting without edit controls, and restores it', async () => {
    const { doc, ids, meetingId } = plannedMeeting()
    setPresenter(doc, ADA, meetingId, ids[0], 'ben')
    deleteMeeting(doc, BEN, meetingId)
    renderMeeting(doc, meetingId)
    const notice = screen.getByRole('region', { name: 'This meeting was deleted' })
    expect(notice.textContent).toContain(`Ben deleted it on ${formatCommentDate(BEN.now!)}.`)
    expect(notice.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(BEN.now!).toISOString(),
    )
    // Still there to read: the agenda with its presenters, and the notes.
    expect(agendaTitles()).toEqual(['Attention', 'Diffusion'])
    expect(screen.getByText('Presented by Ben')).toBeTruthy()
    expect((screen.getByLabelText(/Shared notes/) as HTMLTextAreaElement).readOnly).toBe(true)
    expect(screen.getByText(/The meeting is deleted: its notes can be read/)).toBeTruthy()
    // Nothing to change but restoring it.
    expect(screen.queryByRole('combobox')).toBeNull()
    expect(screen.queryAllByRole('button').map((button) => button.textContent)).toEqual([
      'Restore the meeting',
      'Show a preview',
    ])

    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Restore the meeting' }))
    expect(getMeeting(doc, meetingId)?.deleted).toBeUndefined()
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'This meeting was deleted' })).toBeNull(),
    )
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }))
    expect(presenterOf('Attention').value).toBe('ben')
    expect(screen.getByRole('button', { name: 'Change date or title' })).toBeTruthy()
    expect((screen.getByLabelText(/Shared notes/) as HTMLTextAreaElement).readOnly).toBe(false)
    expect(readMeeting(doc, meetingId)?.agenda).toEqual([
      { paperId: ids[0], presenter: 'ben' },
      { paperId: ids[1] },
    ])
  })

  it("follows Ben's deleting and restoring, and drops an undo that would change the meeting", async () => {
    const { doc, meetingId } = plannedMeeting()
    renderMeeting(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Remove “Attention” from the agenda' }))
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Change date or title' }))

    deleteMeeting(doc, BEN, meetingId)
    const notice = await screen.findByRole('region', { name: 'This meeting was deleted' })
    expect(notice.textContent).toContain('Ben deleted it')
    expect(
      screen.getByText('This meeting was deleted.', { selector: '[role=status]' }),
    ).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
    expect(screen.queryByRole('form', { name: 'Date and title of the meeting' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Remove|Add papers|Delete meeting/ })).toBeNull()
    // The form that held focus went with the change: focus lands on the notice, not the page.
    expect(document.activeElement).toBe(
      within(notice).getByRole('heading', { name: 'This meeting was deleted' }),
    )

    restoreMeeting(doc, BEN, meetingId)
    await waitFor(() =>
      expect(
        screen.getByText('The meeting is restored.', { selector: '[role=status]' }),
      ).toBeTruthy(),
    )
    expect(screen.queryByRole('region', { name: 'This meeting was deleted' })).toBeNull()
    expect(agendaTitles()).toEqual(['Diffusion'])
    expect(screen.getByRole('button', { name: 'Remove “Diffusion” from the agenda' })).toBeTruthy()
  })

  it('shows a read-only link that the meeting was deleted, without a way to restore it', () => {
    const { doc, meetingId } = plannedMeeting()
    deleteMeeting(doc, BEN, meetingId)
    renderMeeting(doc, meetingId, { canWrite: false })
    const notice = screen.getByRole('region', { name: 'This meeting was deleted' })
    expect(notice.textContent).toContain('A member can restore it.')
    expect(screen.queryAllByRole('button').map((button) => button.textContent)).toEqual([
      'Show a preview',
    ])
  })

  it('shows a read-only link everything without write controls, and says why', () => {
    const { doc, ids, meetingId } = plannedMeeting()
    setPresenter(doc, ADA, meetingId, ids[0], 'ben')
    renderMeeting(doc, meetingId, { canWrite: false })
    expect(agendaTitles()).toEqual(['Attention', 'Diffusion'])
    expect(screen.getByText('Presented by Ben')).toBeTruthy()
    expect(screen.queryByRole('combobox')).toBeNull()
    // Keeping PDFs on this device needs only the read key.
    expect(screen.queryAllByRole('button').map((button) => button.textContent)).toEqual([
      'Show a preview',
      'Keep all offline',
    ])
    expect(screen.getByText(/Your link is read-only: you can see the meeting/)).toBeTruthy()
    const notes = screen.getByLabelText(/Shared notes/) as HTMLTextAreaElement
    expect(notes.readOnly).toBe(true)
  })

  it('says so when the meeting is not in the group', () => {
    const { doc } = plannedMeeting()
    renderMeeting(doc, 'no-such-meeting')
    expect(screen.getByRole('heading', { name: 'Meeting not found' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'All meetings' }).getAttribute('href')).toBe(
      `#g/${GROUP}/meetings`,
    )
  })
})
