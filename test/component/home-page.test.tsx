import { describe, expect, it } from 'vitest'
import { createSignal } from 'solid-js'
import { render, screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper, upsertMember, type Actor } from '../../shared/model'
import { HomePage } from '../../client/pages/HomePage'
import { rememberGroup } from '../../client/data/group-list'
import { openGroup } from '../../client/data/open-group'
import { privateDatabaseName } from '../../client/data/private-doc'
import {
  readLocalProfile,
  saveLocalProfile,
  type LocalProfile,
} from '../../client/data/local-profile'
import { paperInput } from '../fixtures/group'
import { seedGroup, storeDoc } from './seed-group'

/** A group stored on this device: three papers added by Ben and one by `me`. */
async function groupWithPapers(me: LocalProfile, name: string) {
  const at = (memberId: string, hour: number): Actor => ({
    memberId,
    now: Date.UTC(2026, 2, 13, hour),
  })
  const paperIds: string[] = []
  const keys = await seedGroup(name, (doc) => {
    upsertMember(doc, at(me.memberId, 9), { name: me.name, colour: me.colour })
    for (const [hour, title] of [
      [10, 'First by Ben'],
      [11, 'Second by Ben'],
      [12, 'Third by Ben'],
    ] as const) {
      paperIds.push(addPaper(doc, at('ben', hour), paperInput({ title })).paper.id)
    }
    addPaper(doc, at(me.memberId, 13), paperInput({ title: 'Mine' }))
  })
  return { ...keys, paperIds }
}

function renderHome(initial: LocalProfile | undefined) {
  const [profile, setProfile] = createSignal(initial)
  return render(() => (
    <HomePage
      profile={profile()}
      onSaveProfile={(fields) => setProfile(saveLocalProfile(fields))}
    />
  ))
}

const row = (name: string) => screen.getByText(name).closest('li')!

describe('HomePage', () => {
  it('asks a first-time visitor for a name and colour, and keeps them', async () => {
    const user = userEvent.setup()
    renderHome(undefined)
    expect(screen.getByRole('heading', { name: 'Welcome to Margins' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'New group' }).getAttribute('href')).toBe('#new')

    await user.type(screen.getByLabelText('Your name'), '   ')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(screen.getByRole('alert').textContent).toBe('Please enter a name.')
    expect(readLocalProfile()).toBeUndefined()

    await user.clear(screen.getByLabelText('Your name'))
    await user.type(screen.getByLabelText('Your name'), '  Ada   Lovelace ')
    await user.click(screen.getByRole('radio', { name: 'Green' }))
    await user.click(screen.getByRole('button', { name: 'Save' }))

    expect(readLocalProfile()).toMatchObject({ name: 'Ada Lovelace', colour: '#1b7f5f' })
    expect(screen.queryByRole('heading', { name: 'Who are you?' })).toBeNull()
    // The profile is editable from the header.
    await user.click(screen.getByText('Ada Lovelace'))
    const name = screen.getByLabelText('Your name') as HTMLInputElement
    expect(name.value).toBe('Ada Lovelace')
    await user.clear(name)
    await user.type(name, 'Ada L.')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(readLocalProfile()?.name).toBe('Ada L.')
  })

  it('keeps the profile itself when the app passes none', async () => {
    const user = userEvent.setup()
    render(() => <HomePage />)
    await user.type(screen.getByLabelText('Your name'), 'Cay')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(readLocalProfile()?.name).toBe('Cay')
    expect(screen.queryByRole('heading', { name: 'Who are you?' })).toBeNull()
    expect(screen.getByText('Cay')).toBeTruthy()
  })

  it('lists joined groups at once, then their unread papers, following new ones live', async () => {
    const me = saveLocalProfile({ name: 'Ada', colour: '#1f77b4' })
    const keys = await groupWithPapers(me, 'Vision reading group')
    rememberGroup(keys.groupId, keys.writeKey)
    renderHome(me)

    // Shown before any document is read: the cached name is empty yet.
    expect(screen.getByRole('heading', { name: 'Your groups' })).toBeTruthy()
    expect(screen.getByText('Unnamed group')).toBeTruthy()
    expect(await screen.findByText('3 unread')).toBeTruthy()
    // Ada's own paper starts out read.
    expect(row('Vision reading group').textContent).toContain('4 papers')
    expect(within(row('Vision reading group')).queryByText('Read-only')).toBeNull()
    expect(screen.getByRole('link', { name: /Vision reading group/ }).getAttribute('href')).toBe(
      `#g/${keys.groupId}`,
    )

    // A paper another member adds while the list is open is counted at once.
    const { connection, release } = openGroup(keys.groupId, keys.writeKey)
    addPaper(connection.doc, { memberId: 'ben', now: Date.now() }, paperInput({ title: 'New' }))
    expect(await screen.findByText('4 unread')).toBeTruthy()
    expect(row('Vision reading group').textContent).toContain('5 papers')
    release()
  })

  it('counts only what this member has not seen', async () => {
    const me = saveLocalProfile({ name: 'Ada', colour: '#1f77b4' })
    const keys = await groupWithPapers(me, 'Seen group')
    // Ada opened two of Ben's papers: one with a mark of an earlier version (a bare time).
    const [first, second] = keys.paperIds as [string, string]
    await storeDoc(privateDatabaseName(keys.groupId), (doc) => {
      doc.getMap('seen').set(first, Date.UTC(2026, 2, 14))
      doc.getMap('seen').set(second, { at: Date.UTC(2026, 2, 14), activity: {} })
    })
    rememberGroup(keys.groupId, keys.writeKey)
    renderHome(me)
    expect(await screen.findByText('1 unread')).toBeTruthy()
  })

  it('marks groups joined with a read-only link', async () => {
    const me = saveLocalProfile({ name: 'Ada', colour: '#1f77b4' })
    const writable = await groupWithPapers(me, 'Our lab')
    const readable = await groupWithPapers(me, 'Guest group')
    rememberGroup(writable.groupId, writable.writeKey)
    rememberGroup(readable.groupId, readable.readKey)
    renderHome(me)
    await screen.findByText('Guest group')
    await screen.findByText('Our lab')
    expect(within(row('Guest group')).getByText('Read-only')).toBeTruthy()
    expect(within(row('Our lab')).queryByText('Read-only')).toBeNull()
  })
})
