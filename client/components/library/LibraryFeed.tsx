import { For, batch, createMemo, createSignal, onCleanup, onMount, untrack } from 'solid-js'
import { createWindowVirtualizer, defaultRangeExtractor } from '@tanstack/solid-virtual'
import type { LibraryEntry, Member } from '../../../shared/model'
import { meetingHref, paperHref } from '../../app/route'
import { localDay } from '../../format/date'
import { myStatus } from '../../data/library-query'
import type { SearchHits } from '../../data/library-search-text'
import type { UnreadReason } from '../../data/unread'
import { createFeedKeys } from './feed-keys'
import { PaperCard } from './PaperCard'

// A card with three lines of abstract and one of tags at phone width; measured once shown.
const ESTIMATE = 240
const GAP = 12
// Cards rendered beyond each end of the window, so that scrolling finds them ready.
const OVERSCAN = 4

/**
 * The papers as a feed (WAI-ARIA feed pattern) that the window scrolls. Only the cards near the
 * viewport are in the page, so thousands of papers scroll smoothly; each card is measured once
 * shown. j/k or the arrow keys move between cards, Enter opens one.
 */
export function LibraryFeed(props: {
  entries: readonly LibraryEntry[]
  groupId: string
  label: string
  members: readonly Member[]
  memberId: string | undefined
  unread: (entry: LibraryEntry) => UnreadReason | undefined
  hits: SearchHits | undefined
  /** A paper to scroll back to and focus when the feed opens (the one the reader came from). */
  returnTo: string | undefined
  onOpen: (paperId: string) => void
}) {
  let list: HTMLDivElement | undefined
  const [margin, setMargin] = createSignal(0)
  const [headerHeight, setHeaderHeight] = createSignal(0)
  // Until the feed's place on the page is known, the virtualizer takes it for the top of the
  // window, and renders the cards that would fill a window from there: on a phone, most of them
  // end up below the fold. No more are rendered beyond them until the cards shown are measured
  // (in the next frame), so the task that renders the page renders fewer.
  const [settled, setSettled] = createSignal(false)
  // Plain ids, read from the store once per change of the list: the virtualizer asks for every
  // item's key each time a card is measured, and store reads cost more than array reads.
  const ids = createMemo(() => props.entries.map((entry) => entry.paper.id))
  const indexById = createMemo(() => new Map(ids().map((id, index) => [id, index])))
  const membersById = createMemo(() => new Map(props.members.map((m) => [m.id, m])))

  // The focused card stays rendered when scrolled away, so that focus is never lost.
  let focusedId: string | undefined
  const virtualizer = createWindowVirtualizer<HTMLElement>({
    get count() {
      return props.entries.length
    },
    estimateSize: () => ESTIMATE,
    get overscan() {
      return settled() ? OVERSCAN : 0
    },
    gap: GAP,
    get scrollMargin() {
      return margin()
    },
    get scrollPaddingStart() {
      return headerHeight() + GAP
    },
    get getItemKey() {
      const keys = ids()
      return (index: number) => keys[index] ?? index
    },
    rangeExtractor: (range) => {
      const indices = defaultRangeExtractor(range)
      const focused = focusedId === undefined ? undefined : untrack(indexById).get(focusedId)
      if (focused === undefined || indices.includes(focused)) return indices
      return [...indices, focused].sort((a, b) => a - b)
    },
  })

  const keys = createFeedKeys({
    count: () => props.entries.length,
    idAt: (index) => ids()[index],
    indexOf: (id) => indexById().get(id),
    element: (index) => list?.querySelector<HTMLElement>(`article[data-index="${index}"]`),
    scrollTo: (index, align) => virtualizer.scrollToIndex(index, { align }),
    open: (id) => {
      props.onOpen(id)
      location.hash = paperHref(props.groupId, id)
    },
    onFocusChange: (id) => (focusedId = id),
  })

  const measure = () => {
    if (!list) return
    setMargin(Math.round(list.getBoundingClientRect().top + window.scrollY))
    setHeaderHeight(document.querySelector('header')?.getBoundingClientRect().height ?? 0)
  }
  onMount(() => {
    const back = untrack(() => props.returnTo)
    // Scrolling back to a card needs the feed's place now; otherwise the observer's first call,
    // once the browser has laid the page out, measures it: no layout forced in the render task.
    if (back !== undefined) measure()
    // What sits above the feed (filters, notices) changes height; the page grows with the feed.
    const observer = new ResizeObserver(measure)
    observer.observe(document.body)
    window.addEventListener('resize', measure)
    onCleanup(() => {
      observer.disconnect()
      window.removeEventListener('resize', measure)
    })
    if (back !== undefined) keys.focus(back, 'center')
  })

  // Cards are measured in the next frame, where the browser lays the page out anyway, rather than
  // forcing a layout in the task that rendered them (for the first screen, the longest task); all
  // at once, so that moving one card does not force another layout before the next is read.
  let unmeasured: HTMLElement[] = []
  const measureCard = (element: HTMLElement) => {
    if (unmeasured.push(element) > 1) return
    requestAnimationFrame(() => {
      const cards = unmeasured
      unmeasured = []
      batch(() => {
        for (const card of cards) if (card.isConnected) virtualizer.measureElement(card)
        setSettled(true)
      })
    })
  }

  const rows = createMemo(() =>
    virtualizer
      .getVirtualItems()
      .map((item) => props.entries[item.index])
      .filter((entry): entry is LibraryEntry => entry !== undefined),
  )
  const slots = createMemo(
    () => new Map(virtualizer.getVirtualItems().map((item) => [ids()[item.index], item])),
  )
  const readers = (entry: LibraryEntry) =>
    Object.entries(entry.status)
      .filter(([, status]) => status === 'read')
      .flatMap(([id]) => membersById().get(id) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name))
  // In the order they voted, like the paper page's list.
  const voters = (entry: LibraryEntry) => entry.voters.flatMap((id) => membersById().get(id) ?? [])
  // The day the feed opened: a meeting on it counts as to come, not as discussed.
  const today = localDay()

  // Measured from the top of the feed: the virtualizer takes the scroll margin off its total.
  const height = () => virtualizer.getTotalSize()

  return (
    <div
      ref={list}
      class="feed"
      role="feed"
      aria-label={props.label}
      style={{ height: `${height()}px` }}
      onKeyDown={keys.onKeyDown}
      onFocusIn={keys.onFocusIn}
      onFocusOut={keys.onFocusOut}
    >
      <For each={rows()}>
        {(entry) => {
          const slot = () => slots().get(entry.paper.id)
          const index = () => slot()?.index ?? indexById().get(entry.paper.id) ?? 0
          return (
            <PaperCard
              onMounted={measureCard}
              entry={entry}
              href={paperHref(props.groupId, entry.paper.id)}
              place={{
                get index() {
                  return index()
                },
                get setSize() {
                  return props.entries.length
                },
                get current() {
                  return keys.current() === index()
                },
                get top() {
                  return (slot()?.start ?? 0) - margin()
                },
              }}
              readers={readers(entry)}
              voters={voters(entry)}
              today={today}
              meetingHref={(meetingId) => meetingHref(props.groupId, meetingId)}
              myStatus={myStatus(entry, props.memberId)}
              unread={props.unread(entry)}
              inDiscussionOnly={props.hits?.get(entry.paper.id)?.inDiscussionOnly ?? false}
              onOpen={() => props.onOpen(entry.paper.id)}
            />
          )
        }}
      </For>
    </div>
  )
}
