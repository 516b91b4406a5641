import { describe, expect, it, vi } from 'vitest'
import { createSignal } from 'solid-js'
import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { listMembers, readGroup } from '../../shared/model'
import { accessOf, createGroupKeys, parseInviteLink } from '../../shared/invite'
import { InvitePanel } from '../../client/components/groups/InvitePanel'
import { InviteButton } from '../../client/components/groups/InviteButton'
import { NewGroupPage } from '../../client/pages/NewGroupPage'
import { readJoinedGroups } from '../../client/data/group-list'
import { groupDatabaseName } from '../../client/data/open-group'
import {
  readLocalProfile,
  saveLocalProfile,
  type LocalProfile,
} from '../../client/data/local-profile'
import { readStoredDoc } from './seed-group'

/**
 * A socket that never connects: these tests run offline, as a group created on a train would.
 * (happy-dom's own WebSocket loads `ws`, which resolves to its throwing browser stub here.)
 */

function renderPage(initial: LocalProfile | undefined) {
  const [profile, setProfile] = createSignal(initial)
  return render(() => (
    <NewGroupPage
      profile={profile()}
      onSaveProfile={(fields) => setProfile(saveLocalProfile(fields))}
    />
  ))
}

/** What IndexedDB holds for a group, read through a connection of its own. */
const storedCopy = (groupId: string) =>
  readStoredDoc(groupDatabaseName(groupId), (doc) => ({
    settings: readGroup(doc),
    members: listMembers(doc),
  }))

const groupDatabases = async () =>
  (await indexedDB.databases()).filter((db) => db.name?.startsWith('margins-group-'))

const linkIn = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value

describe('NewGroupPage', () => {
  it('creates the group on this device and shows its two invite links', async () => {
    const user = userEvent.setup()
    const me = saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' })
    renderPage(me)

    await user.type(screen.getByLabelText('Name'), '  Vision   reading group ')
    await user.type(screen.getByLabelText(/Description/), 'Thursdays 4pm')
    await user.click(screen.getByRole('button', { name: 'Create group' }))

    const heading = screen.getByRole('heading', { name: '“Vision reading group” is ready' })
    expect(document.activeElement).toBe(heading)
    const [joined] = readJoinedGroups()
    expect(joined).toMatchObject({ name: 'Vision reading group' })
    const groupId = joined!.groupId
    expect(accessOf(groupId, joined!.key)).toBe('write')

    const member = parseInviteLink(linkIn('Member link'))
    const readOnly = parseInviteLink(linkIn('Read-only link'))
    expect(linkIn('Member link').startsWith(`${location.origin}/#join/${groupId}/`)).toBe(true)
    expect(member?.groupId).toBe(groupId)
    expect(readOnly?.groupId).toBe(groupId)
    expect(accessOf(groupId, member!.key)).toBe('write')
    expect(accessOf(groupId, readOnly!.key)).toBe('read')
    expect(screen.getByRole('link', { name: 'Open the group' }).getAttribute('href')).toBe(
      `#g/${groupId}`,
    )

    await waitFor(async () => {
      const copy = await storedCopy(groupId)
      expect(copy.settings).toMatchObject({
        name: 'Vision reading group',
        description: 'Thursdays 4pm',
      })
      expect(copy.members).toMatchObject([{ id: me.memberId, name: 'Ada', colour: '#1b7f5f' }])
    })
  })

  it('keeps the group when the page closes right after creating it', async () => {
    const user = userEvent.setup()
    const view = renderPage(saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' }))
    await user.type(screen.getByLabelText('Name'), 'Quick exit')
    // Submitted and closed in one go, before IndexedDB could open.
    fireEvent.submit(screen.getByRole('button', { name: 'Create group' }).closest('form')!)
    view.unmount()

    const [joined] = readJoinedGroups()
    await waitFor(async () => {
      expect((await storedCopy(joined!.groupId)).settings?.name).toBe('Quick exit')
    })
  })

  it('copies a link to the clipboard and says so', async () => {
    const user = userEvent.setup()
    renderPage(saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' }))
    await user.type(screen.getByLabelText('Name'), 'Copy club')
    await user.click(screen.getByRole('button', { name: 'Create group' }))

    await user.click(screen.getByRole('button', { name: 'Copy read-only link' }))
    expect(await navigator.clipboard.readText()).toBe(linkIn('Read-only link'))
    expect(screen.getByText('Copied')).toBeTruthy()
    expect(screen.getByText('Copied').getAttribute('aria-live')).toBe('polite')
  })

  it('selects the link for copying by hand when the clipboard refuses', async () => {
    const user = userEvent.setup()
    renderPage(saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' }))
    await user.type(screen.getByLabelText('Name'), 'No clipboard')
    await user.click(screen.getByRole('button', { name: 'Create group' }))
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    writeText.mockRejectedValue(new Error('denied'))

    await user.click(screen.getByRole('button', { name: 'Copy member link' }))
    const input = screen.getByLabelText('Member link') as HTMLInputElement
    expect(document.activeElement).toBe(input)
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length])
    expect(screen.getByText(/The link is selected/)).toBeTruthy()
    writeText.mockRestore()
  })

  it('refuses a group without a name and creates nothing', async () => {
    const user = userEvent.setup()
    renderPage(saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' }))
    const before = (await groupDatabases()).length
    await user.type(screen.getByLabelText(/Description/), 'Kept while the name is fixed')
    await user.click(screen.getByRole('button', { name: 'Create group' }))

    expect(screen.getByRole('alert').textContent).toBe('Please give the group a name.')
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true')
    expect((screen.getByLabelText(/Description/) as HTMLTextAreaElement).value).toBe(
      'Kept while the name is fixed',
    )
    expect(readJoinedGroups()).toEqual([])
    expect(await groupDatabases()).toHaveLength(before)
  })

  it('asks for the profile first when there is none', async () => {
    const user = userEvent.setup()
    renderPage(undefined)
    expect(screen.queryByRole('button', { name: 'Create group' })).toBeNull()
    await user.type(screen.getByLabelText('Your name'), 'Ben')
    await user.click(screen.getByRole('button', { name: 'Continue' }))

    expect(readLocalProfile()?.name).toBe('Ben')
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
    await user.type(screen.getByLabelText('Name'), 'Ben’s group')
    await user.click(screen.getByRole('button', { name: 'Create group' }))
    expect(screen.getByRole('heading', { name: '“Ben’s group” is ready' })).toBeTruthy()
  })
})

describe('InvitePanel', () => {
  it('gives a read-only member only the read-only link', () => {
    const keys = createGroupKeys()
    render(() => <InvitePanel groupId={keys.groupId} groupKey={keys.readKey} />)
    expect(screen.queryByLabelText('Member link')).toBeNull()
    expect(linkIn('Read-only link')).toBe(
      `${location.origin}/#join/${keys.groupId}/${keys.readKey}`,
    )
  })

  it('opens from the Invite button in a dialog, with both links for a member', async () => {
    const user = userEvent.setup()
    const keys = createGroupKeys()
    render(() => <InviteButton groupId={keys.groupId} groupKey={keys.writeKey} />)
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    const dialog = screen.getByRole('dialog', { name: 'Invite to the group' }) as HTMLDialogElement
    expect(dialog.open).toBe(true)
    expect(parseInviteLink(linkIn('Member link'))?.key).toBe(keys.writeKey)
    expect(parseInviteLink(linkIn('Read-only link'))?.key).toBe(keys.readKey)
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(dialog.open).toBe(false)
  })
})
