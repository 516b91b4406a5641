import type * as Y from 'yjs'
import { Match, Switch } from 'solid-js'
import { afterEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import {
  MAX_AGENDA,
  addPaper,
  closeRound,
  createMeeting,
  createRound,
  deleteMeeting,
  listMeetings,
  restoreMeeting,
  setBallot,
  setPresenter,
  setReadingStatus,
} from '../../shared/model'
import { createGroupKeys } from '../../shared/invite'
import { createHashRoute } from '../../client/app/route'
import { MeetingsPage } from '../../client/pages/MeetingsPage'
import { MeetingPage } from '../../client/pages/MeetingPage'
import { formatDay } from '../../client/components/meetings/meeting-dates'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { ADA, BEN, CAY, groupDoc, paperInput } from '../fixtures/group'

const TODAY = '2026-03-13'
const GROUP = createGroupKeys().groupId

afterEach(() => {
  history.replaceState(null, '', '#')
})

/** A group of Ada, Ben and Cay with papers of the given titles, newest last. */
function groupWith(titles: string[]) {
  const doc = groupDoc({ withCay: true })
  const ids = titles.map(
    (title, i) =>
      addPaper(doc, { ...ADA, now: ADA.now! + i }, paperInput({ title, authors: [`Author ${i}`] }))
        .paper.id,
  )
  return { doc, ids }
}

/** The meetings page and a meeting's page, switched by the address as the app does. */
function renderMeetings(doc: Y.Doc, options: TestGroupViewOptions = {}) {
  history.replaceState(null, '', `#g/${GROUP}/meetings`)
  render(() => {
    const view = createTestGroupView(doc, { groupId: GROUP, ...options })
    const route = createHashRoute()
    const meetingId = () => {
      const here = route()
      return here.page === 'meeting' ? here.meetingId : undefined
    }
    return (
      <Switch>
        <Match when={meetingId()}>
          {(id) => <MeetingPage view={view} meetingId={id()} today={TODAY} />}
        </Match>
        <Match when={route().page === 'meetings'}>
          <MeetingsPage view={view} today={TODAY} />
        </Match>
      </Switch>
    )
  })
}

const titlesIn = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent)

describe('meetings page', () => {
  it('plans a meeting of papers picked by hand and opens its page with the agenda', async () => {
    const { doc, ids } = groupWith(['Attention', 'Diffusion', 'Retrieval'])
    renderMeetings(doc)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))

    const date = screen.getByLabelText('Date') as HTMLInputElement
    expect(date.value).toBe('2026-03-20')
    expect(document.activeElement).toBe(date)
    await user.type(screen.getByLabelText('Title (optional)'), 'Generative models')
    const filter = screen.getByLabelText('Filter the library by title or author')
    await user.type(filter, 'diff')
    expect(
      within(screen.getByRole('list', { name: 'Library papers' })).getAllByRole('checkbox'),
    ).toHaveLength(1)
    await user.click(screen.getByRole('checkbox', { name: /Diffusion/ }))
    await user.clear(filter)
    await user.click(screen.getByRole('checkbox', { name: /Attention/ }))
    expect(screen.getByRole('heading', { name: /The agenda: 2 papers/ })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Plan the meeting' }))

    const [planned] = listMeetings(doc)
    expect(planned?.meeting).toMatchObject({ date: '2026-03-20', title: 'Generative models' })
    expect(planned?.agenda.map((item) => item.paperId)).toEqual([ids[1], ids[0]])
    expect(location.hash).toBe(`#g/${GROUP}/m/${planned!.meeting.id}`)
    const heading = await screen.findByRole('heading', { level: 2 })
    expect(heading.textContent).toBe(`${formatDay('2026-03-20')} · Generative models`)
    const agenda = screen.getByRole('heading', { name: 'Agenda' }).parentElement!
    const links = within(agenda.querySelector('ol')!).getAllByRole('link')
    expect(links.map((link) => link.textContent)).toEqual(['Diffusion', 'Attention'])
    expect(links[0]!.getAttribute('href')).toBe(`#g/${GROUP}/p/${encodeURIComponent(ids[1]!)}`)
  })

  it("plans a meeting from a closed round's two best papers, in the round's order", async () => {
    const { doc, ids } = groupWith(['Alpha', 'Beta', 'Gamma', 'Delta'])
    const [alpha, beta, gamma, delta] = ids as [string, string, string, string]
    const round = createRound(doc, ADA, {
      title: 'March',
      candidates: [alpha, beta, gamma],
    })
    setBallot(doc, ADA, round.id, [gamma, alpha, beta])
    setBallot(doc, BEN, round.id, [gamma, alpha, beta])
    setBallot(doc, CAY, round.id, [alpha, gamma, beta])
    createRound(doc, BEN, { title: 'Still open', candidates: [delta] })
    closeRound(doc, ADA, round.id)
    renderMeetings(doc)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))

    const rounds = screen.getByLabelText('Round') as HTMLSelectElement
    // Only closed rounds can open an agenda.
    expect([...rounds.options].map((option) => option.text)).toEqual([
      'None: pick papers by hand',
      'March',
    ])
    await user.selectOptions(rounds, 'March')
    const count = screen.getByLabelText('How many of its best papers') as HTMLSelectElement
    expect([...count.options].map((option) => option.text)).toEqual(['1', '2', 'All 3'])
    expect(count.value).toBe('3')
    await user.selectOptions(screen.getByLabelText('How many of its best papers'), '2')
    const picks = screen.getByRole('list', { name: /From “March”, best first/ })
    expect(titlesIn(picks)).toEqual(['Gamma', 'Alpha'])
    // What the round brings is shown as chosen in the library list, not picked twice.
    const gammaBox = screen.getByRole('checkbox', { name: /Gamma/ }) as HTMLInputElement
    expect(gammaBox.checked && gammaBox.disabled).toBe(true)
    await user.click(screen.getByRole('checkbox', { name: /Delta/ }))
    await user.click(screen.getByRole('button', { name: 'Plan the meeting' }))

    const [planned] = listMeetings(doc)
    expect(planned?.meeting.roundId).toBe(round.id)
    expect(planned?.agenda.map((item) => item.paperId)).toEqual([gamma, alpha, delta])
    const link = await screen.findByRole('link', { name: 'March' })
    expect(link.getAttribute('href')).toBe(`#g/${GROUP}/r/${round.id}`)
  })

  it('picks the one paper found on Enter in the filter, and does not plan the meeting', async () => {
    const { doc, ids } = groupWith(['Attention', 'Diffusion', 'Latent diffusion'])
    renderMeetings(doc)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))
    const filter = screen.getByLabelText('Filter the library by title or author')
    // Two papers match: Enter picks neither.
    await user.type(filter, 'diffusion{Enter}')
    expect(screen.getByRole('heading', { name: /The agenda: 0 papers/ })).toBeTruthy()
    await user.type(filter, ' latent{Enter}')

    expect(listMeetings(doc)).toEqual([])
    expect(location.hash).toBe(`#g/${GROUP}/meetings`)
    expect((screen.getByRole('checkbox', { name: /Latent/ }) as HTMLInputElement).checked).toBe(
      true,
    )
    expect(screen.getByRole('heading', { name: /The agenda: 1 paper of/ })).toBeTruthy()
    expect(document.activeElement).toBe(filter)
    await user.click(screen.getByRole('button', { name: 'Plan the meeting' }))
    expect(listMeetings(doc)[0]?.agenda.map((item) => item.paperId)).toEqual([ids[2]])
  })

  it('offers only closed rounds with papers to take', async () => {
    const { doc, ids } = groupWith(['Alpha'])
    const empty = createRound(doc, ADA, { title: 'Nothing proposed', candidates: [] })
    closeRound(doc, ADA, empty.id)
    renderMeetings(doc)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))
    expect(screen.queryByLabelText('Round')).toBeNull()
    expect(screen.getByText(/No closed round has candidates yet/)).toBeTruthy()

    const round = createRound(doc, BEN, { title: 'March', candidates: [ids[0]!] })
    closeRound(doc, BEN, round.id)
    const rounds = (await screen.findByLabelText('Round')) as HTMLSelectElement
    expect([...rounds.options].map((option) => option.text)).toEqual([
      'None: pick papers by hand',
      'March',
    ])
  })

  it('leaves a deleted meeting out of the list until it is restored', async () => {
    const { doc, ids } = groupWith(['Attention'])
    const kept = createMeeting(doc, ADA, { date: '2026-03-20', title: 'Kept', papers: ids })
    const gone = createMeeting(doc, ADA, { date: '2026-03-27', title: 'Gone', papers: ids })
    deleteMeeting(doc, BEN, gone.id)
    renderMeetings(doc)
    const names = () =>
      screen.getAllByRole('heading', { level: 4 }).map((heading) => heading.textContent)
    expect(names()).toEqual([`${formatDay('2026-03-20')} · Kept`])

    restoreMeeting(doc, BEN, gone.id)
    await waitFor(() =>
      expect(names()).toEqual([
        `${formatDay('2026-03-20')} · Kept`,
        `${formatDay('2026-03-27')} · Gone`,
      ]),
    )
    deleteMeeting(doc, BEN, kept.id)
    await waitFor(() => expect(names()).toEqual([`${formatDay('2026-03-27')} · Gone`]))
  })

  it('shows the next meeting first, then later ones, then past ones newest first', () => {
    const { doc, ids } = groupWith(['Old paper', 'Next paper', 'Later paper'])
    const plan = (date: string, title: string, papers: string[]) =>
      createMeeting(doc, ADA, { date, title, papers }).id
    plan('2026-03-01', 'First', [ids[0]!])
    const last = plan('2026-03-12', 'Yesterday', [ids[0]!, ids[1]!])
    plan('2026-03-27', 'Later', [ids[2]!])
    const next = plan('2026-03-13', 'Today', [ids[1]!])
    setPresenter(doc, BEN, last, ids[0]!, 'cay')
    renderMeetings(doc)

    const section = (name: string) => screen.getByRole('heading', { name }).parentElement!
    const names = (name: string) =>
      within(section(name))
        .getAllByRole('heading', { level: 4 })
        .map((heading) => heading.textContent)
    expect(names('Next meeting')).toEqual([`${formatDay('2026-03-13')} · Today`])
    expect(names('Later meetings')).toEqual([`${formatDay('2026-03-27')} · Later`])
    expect(names('Past meetings')).toEqual([
      `${formatDay('2026-03-12')} · Yesterday`,
      `${formatDay('2026-03-01')} · First`,
    ])
    const nextLink = within(section('Next meeting')).getByRole('link', { name: /Today/ })
    expect(nextLink.getAttribute('href')).toBe(`#g/${GROUP}/m/${next}`)
    // A past meeting with its papers, linked, and who presented them.
    const past = within(section('Past meetings')).getByRole('article', { name: /Yesterday/ })
    const paper = within(past).getByRole('link', { name: 'Old paper' })
    expect(paper.getAttribute('href')).toBe(`#g/${GROUP}/p/${encodeURIComponent(ids[0]!)}`)
    expect(titlesIn(past.querySelector('ol')!)).toEqual([
      'Old paper Presented by Cay',
      'Next paper No presenter yet',
    ])
    // The next meeting says who is ready; the others do not.
    expect(
      within(section('Next meeting')).getByRole('table', { name: /Who has read/ }),
    ).toBeTruthy()
    expect(screen.getAllByRole('table')).toHaveLength(1)
  })

  it("lets me set my status in the next meeting's readiness and follows Ben's", async () => {
    const { doc, ids } = groupWith(['Next paper'])
    createMeeting(doc, ADA, { date: '2026-03-14', papers: [ids[0]!] })
    renderMeetings(doc)
    const mine = screen.getByLabelText('My reading status for Next paper') as HTMLSelectElement
    await userEvent.setup().selectOptions(mine, 'reading')
    setReadingStatus(doc, BEN, ids[0]!, 'read')
    await waitFor(() => expect(screen.getByText('1 of 3 has read it')).toBeTruthy())
    expect(screen.getByText('You have read 0 of 1, reading 1')).toBeTruthy()
    expect(screen.getByText('Ben has read 1 of 1')).toBeTruthy()
  })

  it('refuses to pick more papers than an agenda holds, and says so', async () => {
    const titles = Array.from({ length: MAX_AGENDA + 1 }, (_, i) => `Paper ${i + 1}`)
    const { doc } = groupWith(titles)
    renderMeetings(doc)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[]
    for (const box of boxes.slice(0, MAX_AGENDA)) fireEvent.click(box)
    await user.click(boxes[MAX_AGENDA]!)

    expect(boxes[MAX_AGENDA]!.checked).toBe(false)
    expect(screen.getByRole('alert').textContent).toMatch(/at most 20 papers/)
    expect(screen.getByRole('heading', { name: /The agenda: 20 papers/ })).toBeTruthy()
  })

  it('keeps what was typed when planning is refused, and says why', async () => {
    const { doc } = groupWith(['Attention'])
    renderMeetings(doc, { memberId: undefined })
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))
    await user.type(screen.getByLabelText('Title (optional)'), 'Kept')
    await user.click(screen.getByRole('checkbox', { name: /Attention/ }))
    await user.click(screen.getByRole('button', { name: 'Plan the meeting' }))

    expect(listMeetings(doc)).toEqual([])
    expect(screen.getByRole('alert').textContent).toMatch(/Choose your name first/)
    expect((screen.getByLabelText('Title (optional)') as HTMLInputElement).value).toBe('Kept')
    expect((screen.getByRole('checkbox', { name: /Attention/ }) as HTMLInputElement).checked).toBe(
      true,
    )
  })

  it('refuses a meeting without a date, and changes nothing', async () => {
    const { doc } = groupWith(['Attention'])
    renderMeetings(doc)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Plan a meeting' }))
    fireEvent.input(screen.getByLabelText('Date'), { target: { value: '' } })
    await user.click(screen.getByRole('button', { name: 'Plan the meeting' }))

    expect(listMeetings(doc)).toEqual([])
    expect(screen.getByText('Choose the day of the meeting.')).toBeTruthy()
    expect(screen.getByLabelText('Date').getAttribute('aria-invalid')).toBe('true')
  })

  it('shows a read-only link the meetings without planning, and says why', () => {
    const { doc, ids } = groupWith(['Attention'])
    createMeeting(doc, ADA, { date: '2026-03-20', papers: [ids[0]!] })
    renderMeetings(doc, { canWrite: false })
    expect(screen.getByRole('heading', { name: 'Next meeting' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Plan a meeting' })).toBeNull()
    expect(screen.queryByRole('combobox')).toBeNull()
    expect(screen.getByText(/Your link is read-only/)).toBeTruthy()
  })

  it('says so when the group has no meetings', () => {
    const { doc } = groupWith([])
    renderMeetings(doc)
    expect(screen.getByText(/No meetings yet/)).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'Next meeting' })).toBeNull()
  })
})
