import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { encodeSyncStep1, encodeUpdate } from '../../server/protocol'
import { Room } from '../../server/room'
import type { DocStore } from '../../server/store/doc-store'
import { createGroupCommit } from '../../server/store/group-commit'
import { FakeMember } from '../helpers/fake-member'
import { itemsOf } from '../helpers/sync-client'
import { waitFor } from '../helpers/wait-for'

/**
 * A store over the real group commit whose disk syncs the test finishes by hand, recording
 * which appends each commit held.
 */
function slowDiskStore() {
  const commits: string[][] = []
  const syncs: Array<() => void> = []
  let position = 0
  const appends = createGroupCommit({
    commit: (updates) => {
      commits.push(updates.map((entry) => itemsOf(docOf(entry.update)).join()))
      return updates.map(() => ++position)
    },
    sync: () => new Promise<void>((resolve) => syncs.push(resolve)),
  })
  const store: DocStore = {
    load: async () => [],
    read: async () => ({ updates: [], position: 0 }),
    append: (groupId, update) => appends.append(groupId, update),
    replace: async () => {},
    close: async () => {},
  }
  return { store, commits, syncs }
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

/** Has `member` write `item` and hands the update to the room. */
function write(room: Room, member: FakeMember, item: string): void {
  const before = Y.encodeStateVector(member.doc)
  member.doc.getArray<string>('items').push([item])
  room.receive(member, encodeUpdate(Y.encodeStateAsUpdate(member.doc, before)))
}

async function openRoom(store: DocStore, ...members: FakeMember[]): Promise<Room> {
  const room = new Room({
    groupId: createGroupKeys().groupId,
    store,
    log: () => {},
    idleUnloadMs: 60_000,
    onClosed: () => {},
  })
  for (const member of members) room.join(member)
  await room.settled()
  return room
}

describe('a room whose disk is slow to sync', () => {
  it('commits its next changes while a sync runs, and sends each only after its own sync', async () => {
    const { store, commits, syncs } = slowDiskStore()
    const [ada, ben, watcher] = [new FakeMember(), new FakeMember(), new FakeMember()]
    const room = await openRoom(store, ada, ben, watcher)

    write(room, ada, 'first')
    await waitFor('the first commit', () => commits.length === 1 && syncs.length === 1)
    write(room, ben, 'second')
    await waitFor('the second commit, during the first sync', () => commits.length === 2)
    expect(commits).toEqual([['first'], ['second']])
    expect(itemsOf(watcher.doc)).toEqual([])

    syncs[0]?.()
    await waitFor('the first change to arrive', () => itemsOf(watcher.doc).length === 1)
    await waitFor('the second sync to start', () => syncs.length === 2)
    expect(itemsOf(watcher.doc)).toEqual(['first'])
    expect(itemsOf(ada.doc)).toEqual(['first'])

    syncs[1]?.()
    await room.settled()
    // Ada and Ben wrote concurrently, so Yjs orders their items by client id.
    for (const member of [watcher, ada, ben]) {
      expect(itemsOf(member.doc).sort()).toEqual(['first', 'second'])
    }
  })

  it('sends nothing of a batch before every earlier one, even when it is durable first', async () => {
    const resolvers: Array<(position: number) => void> = []
    const store: DocStore = {
      load: async () => [],
      read: async () => ({ updates: [], position: 0 }),
      append: () => new Promise<number>((resolve) => resolvers.push(resolve)),
      replace: async () => {},
      close: async () => {},
    }
    const [ada, watcher] = [new FakeMember(), new FakeMember()]
    const room = await openRoom(store, ada, watcher)
    const arrived: string[][] = []
    watcher.doc.on('update', () => arrived.push(itemsOf(watcher.doc)))

    write(room, ada, 'first')
    await waitFor('the first append', () => resolvers.length === 1)
    write(room, ada, 'second')
    await waitFor('the second append', () => resolvers.length === 2)
    resolvers[1]?.(2)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(arrived).toEqual([])

    resolvers[0]?.(1)
    await room.settled()
    // Durable together, they may go out together, but never the second before the first.
    expect(arrived.at(-1)).toEqual(['first', 'second'])
    expect(arrived.every((items) => items[0] === 'first')).toBe(true)
  })

  it('answers a sync step 1 only once every change it holds is synced', async () => {
    const { store, commits, syncs } = slowDiskStore()
    const ada = new FakeMember()
    const room = await openRoom(store, ada)
    write(room, ada, 'stored soon')
    await waitFor('the commit', () => commits.length === 1 && syncs.length === 1)

    const joiner = new FakeMember()
    room.join(joiner)
    room.receive(joiner, encodeSyncStep1(joiner.doc))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(itemsOf(joiner.doc)).toEqual([])

    syncs[0]?.()
    await room.settled()
    expect(itemsOf(joiner.doc)).toEqual(['stored soon'])
  })
})
