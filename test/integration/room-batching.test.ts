import * as decoding from 'lib0/decoding'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createGroupKeys } from '../../shared/invite'
import { MESSAGE_AWARENESS, decodeAwarenessEntries, encodeUpdate } from '../../server/protocol'
import { Room } from '../../server/room'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { FakeMember } from '../helpers/fake-member'
import { awarenessMessage, itemsOf } from '../helpers/sync-client'
import { useTempDir } from '../helpers/temp-dir'

/** A member that also keeps the presence messages the room sends it, decoded. */
class PresenceMember extends FakeMember {
  readonly presence: number[][] = []
  /** How often the room charged it for presence it spoke for (the edge's rate limit). */
  charged = 0

  presenceAccepted(): void {
    this.charged++
  }

  override send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) === MESSAGE_AWARENESS) {
      const entries = decodeAwarenessEntries(decoding.readVarUint8Array(decoder))
      if (entries.length > 0) this.presence.push(entries.map((entry) => entry.clientId))
      return
    }
    super.send(message)
  }
}

async function openRoom(): Promise<Room> {
  const sqlite = createSqliteStore({ dataDir: await useTempDir() })
  onTestFinished(() => sqlite.close())
  const room = new Room({
    groupId: createGroupKeys().groupId,
    store: sqlite,
    log: () => {},
    idleUnloadMs: 60_000,
    onClosed: () => {},
  })
  return room
}

describe('frames that arrive together', () => {
  it('relay the presence they change as one message per member', async () => {
    const room = await openRoom()
    const [ada, ben, watcher] = [new PresenceMember(), new PresenceMember(), new PresenceMember()]
    for (const member of [ada, ben, watcher]) room.join(member)
    await room.settled()
    room.receive(ada, awarenessMessage([{ clientId: 11, clock: 1, state: '{"paper":"p1"}' }]))
    room.receive(ben, awarenessMessage([{ clientId: 22, clock: 1, state: '{"paper":"p2"}' }]))
    await room.settled()
    expect(watcher.presence).toEqual([[11, 22]])
  })

  it('relay presence that changes in quick succession as one message per member', async () => {
    const room = await openRoom()
    const [ada, ben, watcher] = [new PresenceMember(), new PresenceMember(), new PresenceMember()]
    for (const member of [ada, ben, watcher]) room.join(member)
    await room.settled()
    room.receive(ada, awarenessMessage([{ clientId: 11, clock: 1, state: '{"paper":"p1"}' }]))
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    room.receive(ben, awarenessMessage([{ clientId: 22, clock: 1, state: '{"paper":"p2"}' }]))
    await room.settled()
    expect(watcher.presence).toEqual([[11, 22]])
  })

  it('send each writer the others’ changes and never its own', async () => {
    const room = await openRoom()
    const [ada, ben, watcher] = [new FakeMember(), new FakeMember(), new FakeMember()]
    for (const member of [ada, ben, watcher]) room.join(member)
    await room.settled()
    const received: Record<string, string[]> = { ada: [], ben: [] }
    ada.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'room') received.ada?.push(...itemsIn(update))
    })
    ben.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'room') received.ben?.push(...itemsIn(update))
    })
    for (const [member, item] of [
      [ada, 'from ada'],
      [ben, 'from ben'],
      [ada, 'ada again'],
    ] as const) {
      const before = Y.encodeStateVector(member.doc)
      member.doc.getArray<string>('items').push([item])
      room.receive(member, encodeUpdate(Y.encodeStateAsUpdate(member.doc, before)))
    }
    await room.settled()
    expect(received).toEqual({ ada: ['from ben'], ben: ['from ada', 'ada again'] })
    expect(itemsOf(watcher.doc).sort()).toEqual(['ada again', 'from ada', 'from ben'])
  })
})

describe('presence echoes', () => {
  it('are neither relayed nor charged, but a malformed one is still refused', async () => {
    const room = await openRoom()
    const [ada, ben, watcher] = [new PresenceMember(), new PresenceMember(), new PresenceMember()]
    for (const member of [ada, ben, watcher]) room.join(member)
    await room.settled()
    const charged = () => ada.charged + ben.charged + watcher.charged
    const state = JSON.stringify({ paper: 'p1', at: 'é' })
    room.receive(ada, awarenessMessage([{ clientId: 11, clock: 1, state }]))
    await room.settled()
    expect(watcher.presence).toEqual([[11]])
    expect(charged()).toBe(1)

    // What each stock client sends back on receiving it, its owner's included.
    for (const member of [ada, ben, watcher]) {
      room.receive(member, awarenessMessage([{ clientId: 11, clock: 1, state }]))
    }
    await room.settled()
    expect(watcher.presence).toEqual([[11]])
    expect(charged()).toBe(1)
    expect([ada, ben, watcher].map((member) => member.closedWith)).toEqual([
      undefined,
      undefined,
      undefined,
    ])

    room.receive(ben, awarenessMessage([{ clientId: 11, clock: 1, state: '{"paper":' }]))
    await room.settled()
    expect(ben.closedWith).toBe(1007)
    expect(watcher.presence).toEqual([[11]])
  })
})

/** The items an update inserts into `items`. */
function itemsIn(update: Uint8Array): string[] {
  return Y.decodeUpdate(update).structs.flatMap((struct) =>
    struct instanceof Y.Item && struct.content instanceof Y.ContentAny
      ? (struct.content.arr as string[])
      : [],
  )
}
