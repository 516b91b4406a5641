import type * as Y from 'yjs'
import { createSignal } from 'solid-js'
import { render, screen, within } from '@solidjs/testing-library'
import { listMembers, readGroup } from '../../shared/model'
import type { GroupView } from '../../client/data/create-group-view'
import { createDocProjection } from '../../client/data/create-doc-projection'
import { createLibrary } from '../../client/data/create-library'
import { createGroupActions } from '../../client/data/group-actions'
import { createReadMarks } from '../../client/data/read-marks'
import { LibraryPage } from '../../client/pages/LibraryPage'

let groups = 0

/**
 * A GroupView over a local document, without a connection: what the library page reads, for
 * component tests. Call inside a Solid owner (e.g. within `render`).
 */
export function libraryView(
  doc: Y.Doc,
  options: { memberId?: string; canWrite?: boolean; groupId?: string } = {},
): GroupView {
  const canWrite = options.canWrite ?? true
  const memberId = () => options.memberId
  const [status] = createSignal('synced' as const)
  return {
    // A fresh id per view unless asked: read marks live in IndexedDB, which outlives a test.
    groupId: options.groupId ?? `test-group-${++groups}-${Math.random().toString(36).slice(2)}`,
    access: canWrite ? 'write' : 'read',
    canWrite,
    memberId,
    doc,
    actions: createGroupActions(doc, canWrite, memberId),
    presence: { peers: () => [], setPaper: () => undefined, setSelection: () => undefined },
    readMarks: createReadMarks(`marks-${groups}-${Math.random().toString(36).slice(2)}`),
    status,
    loaded: () => true,
    synced: () => true,
    keptOnDevice: () => true,
    settings: createDocProjection(doc, readGroup, undefined),
    members: createDocProjection(doc, listMembers, []),
    library: createLibrary(doc),
  }
}

/** Renders the library page over `doc` and returns its view (made once, inside the render). */
export function renderLibrary(
  doc: Y.Doc,
  options: { memberId?: string; canWrite?: boolean; groupId?: string } = { memberId: 'ada' },
): { view: GroupView; unmount: () => void } {
  let view: GroupView | undefined
  const { unmount } = render(() => {
    view = libraryView(doc, options)
    return <LibraryPage view={view} />
  })
  return { view: view as GroupView, unmount }
}

/** The titles of the paper cards shown, sorted: which papers the feed lets through. */
export const shownTitles = () =>
  screen
    .queryAllByRole('article')
    .map((card) => within(card).getAllByRole('link')[0]!.textContent)
    .sort()

/** The live region that announces the result count (the page has another one, for Undo). */
export const countStatus = () =>
  screen.getAllByRole('status').find((region) => region.closest('.feed-status'))!
