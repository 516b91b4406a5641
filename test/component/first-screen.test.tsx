import { describe, expect, it } from 'vitest'
import { render, screen, waitFor } from '@solidjs/testing-library'
import { createRoot, createSignal } from 'solid-js'
import { addPaper, readLibrary } from '../../shared/model'
import { createGroupActions } from '../../client/data/group-actions'
import { groupDatabaseName } from '../../client/data/open-group'
import { rememberGroup } from '../../client/data/group-list'
import { saveLocalProfile } from '../../client/data/local-profile'
import { GroupPage } from '../../client/pages/GroupPage'
// Loaded already, as after a first visit: the page it opens does not wait for its code.
import '../../client/pages/PaperPage'
import type { GroupRoute } from '../../client/app/route'
import { ADA, groupDoc, paperInput } from '../fixtures/group'
import { readStoredDoc, seedGroup } from './seed-group'

const BEN = { memberId: 'ben', now: Date.UTC(2026, 2, 13, 10) }

/** A joined group stored on this device, with one paper. */
async function joinedGroup() {
  const keys = await seedGroup('Journal club', (doc) =>
    addPaper(doc, BEN, paperInput({ title: 'Attention' })),
  )
  rememberGroup(keys.groupId, keys.writeKey)
  return keys
}

/**
 * Opens the group's page as the app does and returns, once `done` holds, every distinct set of
 * paper titles and every "Loading" or "Paper not found" line the page showed on the way, in
 * order.
 */
async function openAndWatch(place: GroupRoute, done: () => boolean): Promise<string[]> {
  const seen: string[] = []
  const note = () => {
    const titles = [...document.querySelectorAll('article.feed-card h3 a')]
      .map((heading) => heading.textContent)
      .join(' + ')
    const line = document.querySelector('main > .empty, #paper-not-found-heading')?.textContent
    const shown = titles || line || ''
    if (shown && seen.at(-1) !== shown) seen.push(shown)
  }
  const observer = new MutationObserver(note)
  observer.observe(document.body, { subtree: true, childList: true, characterData: true })
  const profile = saveLocalProfile({ name: 'Ada', colour: '#1b7f5f' })
  const { unmount } = render(() => (
    <GroupPage place={place} profile={profile} onSaveProfile={() => undefined} />
  ))
  await waitFor(() => expect(done()).toBe(true), { timeout: 5_000 })
  // The member leaves a moment later, not in the task that showed the page.
  await new Promise((resolve) => setTimeout(resolve, 0))
  observer.disconnect()
  unmount()
  return seen
}

const cardsShown =
  (...titles: string[]) =>
  () =>
    [...document.querySelectorAll('article.feed-card h3 a')]
      .map((h) => h.textContent)
      .join(' + ') === titles.join(' + ')

/** Adds a paper to the device's stored copy of the group, as another tab of it would. */
function storeAnotherPaper(groupId: string, title: string) {
  return readStoredDoc(groupDatabaseName(groupId), (doc) =>
    addPaper(doc, BEN, paperInput({ title })),
  )
}

/** Replaces the stored copy of the first screen with what `change` makes of it. */
async function changeStoredFirstScreen(groupId: string, change: (value: object) => object) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(groupDatabaseName(groupId))
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const store = () => db.transaction('custom', 'readwrite').objectStore('custom')
  const value = await new Promise<object>((resolve) => {
    const request = store().get('first-screen')
    request.onsuccess = () => resolve(request.result as object)
  })
  expect(value).toBeTruthy()
  await new Promise((resolve) => (store().put(change(value), 'first-screen').onsuccess = resolve))
  db.close()
}

describe('the first screen kept beside the group', () => {
  it('shows the library as last seen while the stored group is read, then the group as stored', async () => {
    const { groupId } = await joinedGroup()
    const library: GroupRoute = { page: 'group', groupId }
    // The first visit has no copy yet: the library comes from the document.
    expect(await openAndWatch(library, cardsShown('Attention'))).toEqual([
      'Loading the group…',
      'Attention',
    ])
    // Added behind the copy's back, as another tab of this device may have.
    await storeAnotherPaper(groupId, 'Bottleneck')

    const seen = await openAndWatch(library, cardsShown('Bottleneck + Attention'))
    expect(seen).toEqual(['Loading the group…', 'Attention', 'Bottleneck + Attention'])
    // The copy stored on leaving has the new paper: the next visit shows it at once.
    expect(await openAndWatch(library, cardsShown('Bottleneck + Attention'))).toEqual([
      'Loading the group…',
      'Bottleneck + Attention',
    ])
  })

  it('is not shown when another version of the app stored it, or it is damaged', async () => {
    const { groupId } = await joinedGroup()
    const library: GroupRoute = { page: 'group', groupId }
    await openAndWatch(library, cardsShown('Attention'))
    await storeAnotherPaper(groupId, 'Bottleneck')

    await changeStoredFirstScreen(groupId, (value) => ({ ...value, build: 'another build' }))
    expect(await openAndWatch(library, cardsShown('Bottleneck + Attention'))).toEqual([
      'Loading the group…',
      'Bottleneck + Attention',
    ])
    await storeAnotherPaper(groupId, 'Consistency')
    await changeStoredFirstScreen(groupId, (value) => ({ ...value, library: 'not a list' }))
    expect(await openAndWatch(library, cardsShown('Consistency + Bottleneck + Attention'))).toEqual(
      ['Loading the group…', 'Consistency + Bottleneck + Attention'],
    )
  })

  it('lets a paper’s page wait for the group itself', async () => {
    const { groupId } = await joinedGroup()
    await openAndWatch({ page: 'group', groupId }, cardsShown('Attention'))
    const { paperId } = await readStoredDoc(groupDatabaseName(groupId), (doc) => ({
      paperId: addPaper(doc, BEN, paperInput({ title: 'Bottleneck' })).paper.id,
    }))

    const seen = await openAndWatch({ page: 'paper', groupId, paperId }, () =>
      Boolean(screen.queryByRole('heading', { name: 'Bottleneck' })),
    )
    // Never "not found" from the copy of the library, which lacks the paper.
    expect(seen).toEqual(['Loading the group…'])
  })

  it('refuses writes, saying why, until the group itself is read', () => {
    const doc = groupDoc()
    const [loaded, setLoaded] = createSignal(false)
    createRoot((dispose) => {
      const actions = createGroupActions(doc, true, () => ADA.memberId, loaded)
      const add = () => actions.run((d, actor) => addPaper(d, actor, paperInput()))
      expect(add()).toBeUndefined()
      expect(actions.problem()).toBe(
        'The group is still opening on this device. Try again in a moment.',
      )
      expect(readLibrary(doc)).toEqual([])
      setLoaded(true)
      expect(add()).toBeTruthy()
      expect(actions.problem()).toBeUndefined()
      expect(readLibrary(doc)).toHaveLength(1)
      dispose()
    })
  })
})
