import { Show, Suspense, createMemo, createSignal, lazy, untrack } from 'solid-js'
import type { LibraryEntry } from '../../shared/model'
import type { GroupView } from '../data/create-group-view'
import { filterSorted, isFiltered, sortLibrary, tagCounts } from '../data/library-query'
import { createLibraryQuery, rememberOpened, takeOpened } from '../data/library-query-state'
import { exportHref, meetingsHref, roundsHref, storageHref, tagsHref } from '../app/route'
import { createLibrarySearch } from '../data/library-search'
import { unreadReason } from '../data/unread'
import { formatCount } from '../format/count'
import { LibraryFeed } from '../components/library/LibraryFeed'
import { LibraryToolbar } from '../components/library/LibraryToolbar'
import { NoPapers, NoResults } from '../components/library/LibraryEmpty'
import { ResultCount } from '../components/library/ResultCount'
import { UndoToast, type Undoable } from '../components/UndoToast'
import '../styles/library.css'

// Opened on demand, with its importers: not part of the library's first screen.
const ImportDialog = lazy(() =>
  import('../components/import/ImportDialog').then((m) => ({ default: m.ImportDialog })),
)

/** The group's feed: every paper, sorted, filtered and searchable; adding papers. */
export function LibraryPage(props: { view: GroupView }) {
  // The page is remounted for another group, so the group is read once.
  const groupId = untrack(() => props.view.groupId)
  const state = createLibraryQuery(groupId)
  const search = createLibrarySearch(untrack(() => props.view))
  const returnTo = takeOpened(groupId)
  const [adding, setAdding] = createSignal(false)

  const library = () => props.view.library.value
  const hits = createMemo(() => search.search(state.query.text))
  // Sorting reads every paper; typing only filters what is already sorted.
  const sorted = createMemo(() => sortLibrary(library(), state.query.sort))
  const results = createMemo(
    () =>
      filterSorted(sorted(), state.query, {
        memberId: props.view.memberId(),
        textMatches: hits(),
      }),
    undefined,
    // Typing on in a word often keeps the same papers: then the feed need not change.
    { equals: (a, b) => a.length === b.length && a.every((entry, i) => entry === b[i]) },
  )
  const tags = createMemo(() => tagCounts(library()))
  const unread = (entry: LibraryEntry) =>
    unreadReason(entry, props.view.readMarks.seen(entry.aliases), props.view.memberId())
  const unreadCount = createMemo(() => library().filter((entry) => unread(entry)).length)
  let status: HTMLDivElement | undefined
  const [offer, setOffer] = createSignal<Undoable>()
  const markAllRead = () => {
    const count = unreadCount()
    const restore = props.view.readMarks.markAllSeen(library())
    setOffer({
      message: `Marked ${formatCount(count, 'paper', 'papers')} as read.`,
      undo: () => {
        restore()
        // The Undo button goes away: back to the count, where "Mark all as read" is again.
        status?.focus()
      },
    })
    // The button goes away once nothing is unread: keep focus where it was, on the count.
    status?.focus()
  }
  const clearFilters = () => {
    state.clearFilters()
    // The button that was pressed goes away with the empty state: keep focus in the toolbar.
    document.getElementById('library-search')?.focus()
  }

  return (
    <section class="library" aria-labelledby="library-heading">
      <div class="library-head">
        <h2 id="library-heading">Library</h2>
        <nav class="library-nav" aria-label="The group's">
          <a href={tagsHref(groupId)}>Tags</a>
          <a href={roundsHref(groupId)}>Rounds</a>
          <a href={meetingsHref(groupId)}>Meetings</a>
          <a href={storageHref(groupId)}>Offline PDFs</a>
          <a href={exportHref(groupId)}>Export</a>
        </nav>
        <Show when={props.view.canWrite && library().length > 0}>
          {/* Until the group is read (its first screen may show before), adding would be refused. */}
          <button
            type="button"
            data-add-papers
            disabled={!props.view.loaded()}
            onClick={() => setAdding(true)}
          >
            Add papers
          </button>
        </Show>
      </div>
      <Show when={!props.view.canWrite}>
        <p class="read-only-note">
          Your link is read-only: you can read and search the library, but not add papers, vote, tag
          or comment.
        </p>
      </Show>
      <Show when={adding()}>
        <Suspense>
          <ImportDialog
            view={props.view}
            onClose={() => {
              setAdding(false)
              // Back to the button that opened it (the empty state's, or the header's once papers came).
              document.querySelector<HTMLElement>('[data-add-papers]')?.focus()
            }}
          />
        </Suspense>
      </Show>
      <Show
        when={library().length > 0}
        fallback={<NoPapers canWrite={props.view.canWrite} onAdd={() => setAdding(true)} />}
      >
        <LibraryToolbar
          state={state}
          tags={tags()}
          showStatus={props.view.memberId() !== undefined}
        />
        <div class="feed-status" ref={status} tabIndex={-1}>
          <ResultCount
            shown={results().length}
            total={library().length}
            filtered={isFiltered(state.query)}
          />
          <Show when={unreadCount() > 0}>
            <span class="unread-count">{formatCount(unreadCount(), 'unread', 'unread')}</span>
            <button type="button" class="link-button" onClick={markAllRead}>
              Mark all as read
            </button>
          </Show>
        </div>
        <Show
          when={results().length > 0}
          fallback={
            <NoResults
              text={state.query.text}
              filters={state.query.tags.length > 0 || state.query.status !== 'any'}
              onClear={clearFilters}
            />
          }
        >
          <LibraryFeed
            entries={results()}
            groupId={groupId}
            label="Papers"
            members={props.view.members.value}
            memberId={props.view.memberId()}
            unread={unread}
            hits={hits()}
            returnTo={returnTo}
            onOpen={(paperId) => rememberOpened(groupId, paperId)}
          />
        </Show>
      </Show>
      <UndoToast offer={offer()} onClose={() => setOffer(undefined)} />
    </section>
  )
}
