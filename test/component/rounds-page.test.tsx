import type * as Y from 'yjs'
import { Match, Switch } from 'solid-js'
import { afterEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import {
  MAX_CANDIDATES,
  addPaper,
  closeRound,
  createRound,
  listRounds,
  readRound,
  setBallot,
  toggleVote,
} from '../../shared/model'
import { RoundsPage } from '../../client/pages/RoundsPage'
import { RoundPage } from '../../client/pages/RoundPage'
import { createHashRoute, roundHref } from '../../client/app/route'
import type { GroupView } from '../../client/data/create-group-view'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { createGroupKeys } from '../../shared/invite'
import { ADA, BEN, groupDoc, paperInput } from '../fixtures/group'

/** A real group id: the router refuses anything else. */
const GROUP = createGroupKeys().groupId

afterEach(() => {
  history.replaceState(null, '', '#')
})

/** A group with the papers named, the first added first. */
function libraryGroup(titles: string[]) {
  const doc = groupDoc()
  const ids = titles.map(
    (title, i) =>
      addPaper(doc, { ...ADA, now: ADA.now! + i }, paperInput({ title, authors: ['Ann Author'] }))
        .paper.id,
  )
  return { doc, ids }
}

/** The rounds page, and a round's page once the address names one, as the app routes them. */
function Pages(props: { view: GroupView }) {
  const route = createHashRoute()
  const roundId = () => {
    const current = route()
    return current.page === 'round' ? current.roundId : undefined
  }
  return (
    <Switch fallback={<RoundsPage view={props.view} />}>
      <Match when={roundId()}>{(id) => <RoundPage view={props.view} roundId={id()} />}</Match>
    </Switch>
  )
}

function renderPages(doc: Y.Doc, options: TestGroupViewOptions = {}) {
  return render(() => <Pages view={createTestGroupView(doc, options)} />)
}

const form = () => screen.getByRole('form', { name: 'Open a round' })

describe('rounds page', () => {
  it('opens a round from the form and lands on its page', async () => {
    const { doc, ids } = libraryGroup(['Attention', 'Diffusion models', 'Graph networks'])
    toggleVote(doc, BEN, ids[0]!)
    renderPages(doc, { groupId: GROUP })
    const user = userEvent.setup()
    expect(screen.getByText('No rounds yet.', { exact: false })).toBeTruthy()

    // No rounds yet: the form is open, with a question to start from.
    const title = within(form()).getByLabelText('Question') as HTMLInputElement
    expect(title.value).toBe('What do we read next?')
    await user.clear(title)
    await user.type(title, 'Reading for 20 March')
    await user.type(within(form()).getByLabelText('Meeting date (optional)'), '2026-03-20')
    // Most voted first, then newest first.
    const boxes = within(form()).getAllByRole('checkbox')
    expect(
      boxes.map((box) => box.closest('li')!.querySelector('.choose-title')!.textContent),
    ).toEqual(['Attention', 'Graph networks', 'Diffusion models'])
    await user.type(within(form()).getByLabelText('Find papers'), 'diffu')
    expect(within(form()).getAllByRole('checkbox')).toHaveLength(1)
    await user.click(within(form()).getByLabelText(/Diffusion models/))
    await user.clear(within(form()).getByLabelText('Find papers'))
    await user.click(within(form()).getByLabelText(/Attention/))
    expect(within(form()).getByText('2 papers chosen.')).toBeTruthy()
    await user.click(within(form()).getByRole('button', { name: 'Open the round' }))

    const [round] = listRounds(doc)
    expect(round).toMatchObject({ title: 'Reading for 20 March', meetingDate: '2026-03-20' })
    // Candidates in the order they were ticked.
    expect(readRound(doc, round!.id)!.candidates).toEqual([ids[1], ids[0]])
    expect(location.hash).toBe(roundHref(GROUP, round!.id))
    // happy-dom does not tell the page that its hash changed, as a browser does.
    fireEvent(window, new HashChangeEvent('hashchange'))
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Reading for 20 March'),
    )
    expect(
      screen
        .getAllByTestId('ballot-unranked')
        .map((row) => row.querySelector('.ballot-title')!.textContent),
    ).toEqual(['Diffusion models', 'Attention'])
  })

  it('ticks the one paper found on Enter in the filter, and does not open the round', async () => {
    const { doc } = libraryGroup(['Attention', 'Diffusion models', 'Graph diffusion'])
    renderPages(doc, { groupId: GROUP })
    const user = userEvent.setup()
    const filter = within(form()).getByLabelText('Find papers')
    // Two papers found: Enter chooses neither.
    await user.type(filter, 'diffusion{Enter}')
    expect(within(form()).getByText('0 papers chosen.')).toBeTruthy()
    await user.type(filter, ' models{Enter}')

    expect(listRounds(doc)).toEqual([])
    expect((within(form()).getByLabelText(/Diffusion models/) as HTMLInputElement).checked).toBe(
      true,
    )
    expect(within(form()).getByText('1 paper chosen.')).toBeTruthy()
    expect(within(form()).getByText(/Chose “Diffusion models”/)).toBeTruthy()
    expect(document.activeElement).toBe(filter)
  })

  it('keeps what was typed when the round cannot be opened, and across a reload', async () => {
    const { doc } = libraryGroup(['Attention', 'Diffusion models'])
    // No profile yet on this device: the write is refused.
    const first = renderPages(doc, { memberId: undefined })
    const user = userEvent.setup()
    const title = within(form()).getByLabelText('Question') as HTMLInputElement
    await user.clear(title)
    await user.type(title, 'Our next paper')
    await user.click(within(form()).getByLabelText(/Attention/))
    await user.click(within(form()).getByRole('button', { name: 'Open the round' }))

    expect(listRounds(doc)).toEqual([])
    expect(within(form()).getByRole('alert').textContent).toMatch(/Choose your name first/)
    expect(title.value).toBe('Our next paper')
    expect((within(form()).getByLabelText(/Attention/) as HTMLInputElement).checked).toBe(true)

    await user.clear(title)
    await user.click(within(form()).getByRole('button', { name: 'Open the round' }))
    expect(within(form()).getByRole('alert').textContent).toMatch(/Give the round a title/)
    await user.type(title, 'Our next paper, again')

    first.unmount()
    renderPages(doc)
    expect((within(form()).getByLabelText('Question') as HTMLInputElement).value).toBe(
      'Our next paper, again',
    )
    expect((within(form()).getByLabelText(/Attention/) as HTMLInputElement).checked).toBe(true)
    await user.click(within(form()).getByRole('button', { name: 'Open the round' }))
    expect(listRounds(doc).map((round) => round.title)).toEqual(['Our next paper, again'])
  })

  it(`chooses at most ${MAX_CANDIDATES} candidates, and says why`, async () => {
    const titles = Array.from({ length: MAX_CANDIDATES + 2 }, (_, i) => `Paper ${i + 1}`)
    const { doc } = libraryGroup(titles)
    renderPages(doc)
    const user = userEvent.setup()
    await user.click(within(form()).getByRole('button', { name: 'Choose all listed' }))

    expect(within(form()).getByText(`${MAX_CANDIDATES} papers chosen.`)).toBeTruthy()
    expect(within(form()).getByText(/That is the most a round can have/)).toBeTruthy()
    expect(within(form()).getByText('Only 50 more papers could be chosen.')).toBeTruthy()
    const boxes = within(form()).getAllByRole('checkbox') as HTMLInputElement[]
    const unchosen = boxes.filter((box) => !box.checked)
    expect(unchosen).toHaveLength(2)
    expect(unchosen.every((box) => box.disabled)).toBe(true)

    // Unticking one makes room for another.
    await user.click(boxes.find((box) => box.checked)!)
    expect(unchosen.every((box) => !box.disabled)).toBe(true)
    await user.click(unchosen[0]!)
    await user.click(within(form()).getByRole('button', { name: 'Open the round' }))
    expect(readRound(doc, listRounds(doc)[0]!.id)!.candidates).toHaveLength(MAX_CANDIDATES)
  })

  it('lists rounds newest first, with meeting, state, ballots and whether I voted', () => {
    const { doc, ids } = libraryGroup(['Attention', 'Diffusion models'])
    const older = createRound(doc, ADA, {
      title: 'First round',
      meetingDate: '2026-03-06',
      candidates: ids,
    })
    setBallot(doc, ADA, older.id, [ids[0]!])
    setBallot(doc, BEN, older.id, [ids[1]!])
    closeRound(doc, BEN, older.id)
    createRound(doc, { ...BEN, now: BEN.now! + 60_000 }, { title: 'Second round', candidates: ids })
    renderPages(doc, { groupId: GROUP })

    const items = screen.getAllByTestId('round-item')
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'Second round',
      'First round',
    ])
    expect(items[0]!.textContent).toContain('Open')
    expect(items[0]!.textContent).toContain('0 ballots')
    expect(items[0]!.textContent).toContain('You have not voted')
    expect(items[1]!.textContent).toContain('Closed')
    expect(items[1]!.textContent).toContain('2 ballots')
    expect(items[1]!.textContent).toContain('You have voted')
    expect(items[1]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-03-06')
    expect(within(items[1]!).getByRole('link').getAttribute('href')).toBe(
      roundHref(GROUP, older.id),
    )
    // Rounds exist: the form waits behind its button.
    expect(screen.queryByRole('form', { name: 'Open a round' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Open a round' })).toBeTruthy()
  })

  it('shows a read-only link the rounds without the form, and says why', () => {
    const { doc, ids } = libraryGroup(['Attention'])
    createRound(doc, ADA, { title: 'First round', candidates: ids })
    renderPages(doc, { canWrite: false, memberId: undefined })
    expect(screen.getByText(/Your link is read-only/)).toBeTruthy()
    expect(screen.getAllByTestId('round-item')).toHaveLength(1)
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.getByTestId('round-item').textContent).not.toContain('voted')
  })

  it('says when there are no rounds, to a read-only link too', () => {
    const { doc } = libraryGroup(['Attention'])
    renderPages(doc, { canWrite: false, memberId: undefined })
    expect(screen.getByText('No rounds yet.')).toBeTruthy()
    expect(screen.queryByRole('form')).toBeNull()
  })
})
