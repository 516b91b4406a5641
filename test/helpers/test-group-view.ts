import * as Y from 'yjs'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import { onCleanup } from 'solid-js'
import { getMember, listMembers, readGroup } from '../../shared/model'
import type { GroupView } from '../../client/data/create-group-view'
import { createDocProjection } from '../../client/data/create-doc-projection'
import { createLibrary } from '../../client/data/create-library'
import { createGroupActions } from '../../client/data/group-actions'
import { createPresence } from '../../client/data/presence'
import { createReadMarks } from '../../client/data/read-marks'
import { createReadingPositions } from '../../client/data/reading-positions'
import type { LocalProfile } from '../../client/data/local-profile'

/** Another device of the group, as the test drives it. */
export interface TestPeer {
  /** Replaces what the device says about itself (member, paper, selection). */
  update(state: Record<string, unknown>): void
  /** The device goes away. */
  leave(): void
}

/** A GroupView over a plain Y.Doc, with the awareness behind its presence and a way to add peers. */
export interface TestGroupView extends GroupView {
  readonly awareness: Awareness
  /** Makes another device appear with this presence state (`{ memberId, name, colour, ... }`). */
  addPeer(state: Record<string, unknown>): TestPeer
}

export interface TestGroupViewOptions {
  /** False for a read-only link. Default true. */
  canWrite?: boolean
  /** This device's member; undefined for a device that has no profile yet. Default `ada`. */
  memberId?: string | undefined
  groupId?: string
}

/**
 * A GroupView as createGroupView makes one, but over `doc` with no network: actions, presence
 * over a local Awareness, read marks in (fake) IndexedDB and projections of the doc. Call it
 * inside a component or root; it ends with its owner. The profile is the member's record in
 * the doc (name and colour), read when presence is first published.
 */
export function createTestGroupView(doc: Y.Doc, options: TestGroupViewOptions = {}): TestGroupView {
  const canWrite = options.canWrite ?? true
  const memberId = 'memberId' in options ? options.memberId : 'ada'
  const groupId = options.groupId ?? 'test-group'
  const awareness = new Awareness(doc)
  const peers: Awareness[] = []
  onCleanup(() => {
    for (const peer of peers) peer.destroy()
    awareness.destroy()
  })
  const profile = (): LocalProfile | undefined => {
    if (memberId === undefined) return undefined
    const member = getMember(doc, memberId)
    return { memberId, name: member?.name ?? memberId, colour: member?.colour ?? '#1f77b4' }
  }
  const addPeer = (state: Record<string, unknown>): TestPeer => {
    const peer = new Awareness(new Y.Doc())
    peers.push(peer)
    const send = () =>
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(peer, [peer.clientID]), 'peer')
    peer.setLocalState(state)
    send()
    return {
      update(next) {
        peer.setLocalState(next)
        send()
      },
      leave() {
        removeAwarenessStates(peer, [peer.clientID], 'test')
        send()
      },
    }
  }
  return {
    groupId,
    access: canWrite ? 'write' : 'read',
    canWrite,
    memberId: () => memberId,
    doc,
    actions: createGroupActions(doc, canWrite, () => memberId),
    presence: createPresence(awareness, profile),
    readMarks: createReadMarks(groupId),
    reading: createReadingPositions(groupId),
    status: () => 'synced',
    loaded: () => true,
    synced: () => true,
    keptOnDevice: () => true,
    recovered: () => false,
    settings: createDocProjection(doc, readGroup, undefined),
    members: createDocProjection(doc, listMembers, []),
    library: createLibrary(doc),
    awareness,
    addPeer,
  }
}
