import type * as Y from 'yjs'
import { render, screen, within } from '@solidjs/testing-library'
import type { GroupView } from '../../client/data/create-group-view'
import { LibraryPage } from '../../client/pages/LibraryPage'
import { createTestGroupView } from '../helpers/test-group-view'

let groups = 0

/**
 * The test GroupView (test/helpers/test-group-view.ts) for the library page: a fresh group id
 * per view unless asked, since read marks live in IndexedDB, which outlives a test; no member
 * unless one is given.
 */
function libraryView(
  doc: Y.Doc,
  options: { memberId?: string; canWrite?: boolean; groupId?: string },
): GroupView {
  return createTestGroupView(doc, {
    canWrite: options.canWrite,
    memberId: options.memberId,
    groupId: options.groupId ?? `test-group-${++groups}-${Math.random().toString(36).slice(2)}`,
  })
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
