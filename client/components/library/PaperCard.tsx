import { For, Show, onMount } from 'solid-js'
import type { LibraryEntry, Member, ReadingStatus } from '../../../shared/model'
import { arxivAbsUrl } from '../../../shared/arxiv-id'
import type { UnreadReason } from '../../data/unread'
import { formatAuthors } from '../../format/authors'
import { formatCount } from '../../format/count'
import { formatDate, isoDate } from '../../format/date'
import { MemberChips } from './MemberChips'
import { PaperMeetings } from '../PaperMeetings'

const STATUS_LABELS: Record<ReadingStatus, string> = {
  'to-read': 'On your reading list',
  reading: 'You are reading it',
  read: 'You have read it',
}

/** Where a card sits in the feed, for the feed's keyboard and screen-reader support. */
export interface CardPlace {
  index: number
  setSize: number
  /** The one card of the feed that Tab reaches. */
  current: boolean
  /** Pixels from the top of the feed. */
  top: number
}

/**
 * One paper of the feed. Everything here was written by a member or an importer, so it is only
 * ever rendered as text.
 */
export function PaperCard(props: {
  entry: LibraryEntry
  href: string
  place: CardPlace
  readers: readonly Member[]
  voters: readonly Member[]
  /** The reader's day (`2026-03-20`): meetings before it were held, the others are to come. */
  today: string
  meetingHref: (meetingId: string) => string
  myStatus: ReadingStatus | 'none'
  unread: UnreadReason | undefined
  inDiscussionOnly: boolean
  onOpen: () => void
  /** Called once the card is in the page, with its attributes set (the feed measures it). */
  onMounted: (element: HTMLElement) => void
}) {
  let card: HTMLElement | undefined
  onMount(() => card && props.onMounted(card))
  const paper = () => props.entry.paper
  const titleId = () => `feed-title-${paper().id}`
  const when = () => paper().published ?? paper().addedAt
  return (
    <article
      ref={card}
      class="feed-card"
      classList={{ unread: props.unread !== undefined }}
      aria-labelledby={titleId()}
      aria-posinset={props.place.index + 1}
      aria-setsize={props.place.setSize}
      data-index={props.place.index}
      tabIndex={props.place.current ? 0 : -1}
      style={{ transform: `translateY(${props.place.top}px)` }}
    >
      <h3 id={titleId()} class="feed-title">
        <a href={props.href} onClick={() => props.onOpen()}>
          {paper().title}
        </a>
        <Show when={props.unread}>
          {(reason) => (
            <span class="unread-badge">{reason() === 'new-paper' ? 'New' : 'New discussion'}</span>
          )}
        </Show>
      </h3>
      <Show when={paper().needsMetadata}>
        <p class="feed-pending">Details will be filled in from arXiv when online.</p>
      </Show>
      <Show when={paper().authors.length > 0}>
        <p class="feed-authors" title={paper().authors.join(', ')}>
          {formatAuthors(paper().authors)}
        </p>
      </Show>
      <Show when={paper().abstract}>
        <p class="feed-abstract">{paper().abstract}</p>
      </Show>
      <Show when={props.inDiscussionOnly}>
        <p class="feed-match">Your search matches the discussion of this paper.</p>
      </Show>
      <Show when={props.entry.tags.length > 0}>
        <ul class="tags" aria-label="Tags">
          <For each={props.entry.tags}>{(tag) => <li class="tag">{tag}</li>}</For>
        </ul>
      </Show>
      <p class="feed-meta">
        <span>{formatCount(props.entry.voters.length, 'vote', 'votes')}</span>
        <span>{formatCount(props.entry.commentCount, 'comment', 'comments')}</span>
        <span>{formatCount(props.entry.annotationCount, 'annotation', 'annotations')}</span>
        <span>
          {paper().published ? 'Published ' : 'Added '}
          <time datetime={isoDate(when())}>{formatDate(when())}</time>
        </span>
        <Show when={paper().arxivId}>
          {(id) => (
            <a href={arxivAbsUrl(id())} target="_blank" rel="noopener noreferrer">
              arXiv:{id()}
            </a>
          )}
        </Show>
      </p>
      <PaperMeetings
        meetings={props.entry.meetings}
        today={props.today}
        meetingHref={props.meetingHref}
      />
      <div class="feed-foot">
        <MemberChips caption="Voted by" members={props.voters} />
        <MemberChips caption="Read by" members={props.readers} />
        <Show when={props.myStatus !== 'none' && props.myStatus}>
          {(status) => <p class="my-status">{STATUS_LABELS[status()]}</p>}
        </Show>
      </div>
    </article>
  )
}
