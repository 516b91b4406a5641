import { describe, expect, it } from 'vitest'
import { Match, Switch } from 'solid-js'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper } from '../../shared/model'
import { createHashRoute } from '../../client/app/route'
import { HomePage } from '../../client/pages/HomePage'
import { LeaveGroupButton } from '../../client/components/groups/LeaveGroupButton'
import { createGroupView } from '../../client/data/create-group-view'
import {
  findJoinedGroup,
  forgetGroup,
  readJoinedGroups,
  readLeavingGroups,
  rememberGroup,
} from '../../client/data/group-list'
import { privateDatabaseName } from '../../client/data/private-doc'
import { leaveGroup } from '../../client/data/leave-group'
import { keepPdfFile, keptPdfFile, listKeptPdfs } from '../../client/data/pdf-store'
import { saveLocalProfile, type LocalProfile } from '../../client/data/local-profile'
import { paperInput } from '../fixtures/group'
import { seedGroup, storeDoc } from './seed-group'

/** A group joined on this device, with a paper and a read mark stored in IndexedDB. */
async function joinedGroup(name: string) {
  const keys = await seedGroup(name, (doc) =>
    addPaper(doc, { memberId: 'ben', now: Date.UTC(2026, 2, 13, 10) }, paperInput()),
  )
  await storeDoc(privateDatabaseName(keys.groupId), (doc) => doc.getMap('seen').set('x', 1))
  rememberGroup(keys.groupId, keys.writeKey)
  return keys
}

const databasesOf = (groupId: string) => [`margins-group-${groupId}`, `margins-private-${groupId}`]

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : []))
}

/** The group's page as the app mounts it: the group open, with the button in its menu. */
function GroupScreen(props: { groupId: string; profile: LocalProfile }) {
  const view = createGroupView(findJoinedGroup(props.groupId)!, () => props.profile)
  return (
    <main>
      <h1>{view.settings.value?.name ?? 'Loading'}</h1>
      <LeaveGroupButton groupId={props.groupId} groupName={view.settings.value?.name ?? ''} />
    </main>
  )
}

function renderApp(profile: LocalProfile) {
  return render(() => {
    const route = createHashRoute()
    const groupId = () => {
      const current = route()
      return current.page === 'group' ? current.groupId : undefined
    }
    return (
      <Switch>
        <Match when={route().page === 'home'}>
          <HomePage profile={profile} onSaveProfile={() => undefined} />
        </Match>
        <Match when={groupId()}>{(id) => <GroupScreen groupId={id()} profile={profile} />}</Match>
      </Switch>
    )
  })
}

describe('LeaveGroupButton', () => {
  it('deletes this device’s copy of the group after confirmation and goes home', async () => {
    const user = userEvent.setup()
    const profile = saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' })
    const staying = await joinedGroup('Staying group')
    const leaving = await joinedGroup('Leaving group')
    history.replaceState(null, '', `#g/${leaving.groupId}`)
    renderApp(profile)
    await screen.findByRole('heading', { name: 'Leaving group' })

    await user.click(screen.getByRole('button', { name: 'Leave group' }))
    const dialog = screen.getByRole('dialog', { name: 'Leave “Leaving group”?' })
    expect(dialog.textContent).toContain('The other members keep their copies')
    expect(dialog.textContent).toContain('rejoin')
    // Offline here: what was done on this device may not have reached the others.
    expect(dialog.textContent).toContain('not up to date with the server')
    const rejoin = within(dialog).getByLabelText('Your link to rejoin') as HTMLInputElement
    expect(rejoin.value).toContain(`#join/${leaving.groupId}/${leaving.writeKey}`)

    await user.click(within(dialog).getByRole('button', { name: 'Leave group' }))

    expect(location.hash).toBe('')
    expect(await screen.findByText('Staying group')).toBeTruthy()
    expect(screen.queryByText('Leaving group')).toBeNull()
    expect(readJoinedGroups().map((group) => group.groupId)).toEqual([staying.groupId])
    await waitFor(async () => {
      const names = await databaseNames()
      for (const name of databasesOf(leaving.groupId)) expect(names).not.toContain(name)
      for (const name of databasesOf(staying.groupId)) expect(names).toContain(name)
      // Once the PDFs it kept are freed too, the group is no longer being left.
      expect(readLeavingGroups()).toEqual([])
    })
  })

  it('changes nothing when cancelled', async () => {
    const user = userEvent.setup()
    const profile = saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' })
    const group = await joinedGroup('Kept group')
    history.replaceState(null, '', `#g/${group.groupId}`)
    renderApp(profile)
    await screen.findByRole('heading', { name: 'Kept group' })

    await user.click(screen.getByRole('button', { name: 'Leave group' }))
    const dialog = screen.getByRole('dialog', { name: 'Leave “Kept group”?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    expect((dialog as HTMLDialogElement).open).toBe(false)
    expect(location.hash).toBe(`#g/${group.groupId}`)
    expect(findJoinedGroup(group.groupId)).toBeTruthy()
    const names = await databaseNames()
    for (const name of databasesOf(group.groupId)) expect(names).toContain(name)
  })

  it('waits for a connection that is still open, then deletes', async () => {
    const group = await joinedGroup('Busy group')
    // A connection that ignores the request to close, as another tab's might.
    const held = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`margins-group-${group.groupId}`)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    let blocked = true
    const left = leaveGroup(group.groupId, () => undefined).then(() => (blocked = false))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(blocked).toBe(true)
    expect(await databaseNames()).toContain(`margins-group-${group.groupId}`)

    held.close()
    await left
    const names = await databaseNames()
    for (const name of databasesOf(group.groupId)) expect(names).not.toContain(name)
  })

  it('finishes an interrupted deletion on the next visit home', async () => {
    const profile = saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' })
    const group = await joinedGroup('Half-left group')
    // The tab closed right after the group was taken off the list.
    forgetGroup(group.groupId)
    history.replaceState(null, '', '#')
    renderApp(profile)

    await waitFor(async () => {
      const names = await databaseNames()
      for (const name of databasesOf(group.groupId)) expect(names).not.toContain(name)
      expect(readLeavingGroups()).toEqual([])
    })
  })

  it('frees the PDFs kept for the group, but not those another group keeps too', async () => {
    const leaving = await joinedGroup('Leaving group')
    const staying = await joinedGroup('Staying group')
    const file = (text: string) => new Blob([`%PDF-1.4 ${text} %%EOF`], { type: 'application/pdf' })
    const owner = (groupId: string) => ({ groupId, paperId: 'p1', title: 'A paper' })
    await keepPdfFile('a'.repeat(64), file('shared'), owner(leaving.groupId))
    await keepPdfFile('a'.repeat(64), file('shared'), owner(staying.groupId))
    await keepPdfFile('b'.repeat(64), file('own'), owner(leaving.groupId))

    await leaveGroup(leaving.groupId, () => undefined)

    expect((await listKeptPdfs()).map((pdf) => [pdf.sha256, pdf.owners])).toEqual([
      ['a'.repeat(64), [owner(staying.groupId)]],
    ])
    expect(await keptPdfFile('b'.repeat(64))).toBeUndefined()
  })
})
