import { For, Show } from 'solid-js'
import type { LibraryEntry } from '../../shared/model'
import { arxivAbsUrl } from '../../shared/arxiv-id'
import { formatAuthors } from '../format/authors'
import { formatCount } from '../format/count'
import { formatDate, isoDate } from '../format/date'

/**
 * One paper of the library. Everything here was written by a member or an importer, so it is
 * only ever rendered as text.
 */
export function PaperCard(props: { entry: LibraryEntry }) {
  const paper = () => props.entry.paper
  const headingId = () => `paper-${paper().id}`
  const when = () => paper().published ?? paper().addedAt
  return (
    <article class="paper" aria-labelledby={headingId()}>
      <h3 id={headingId()} class="paper-title">
        {paper().title}
      </h3>
      <Show when={paper().authors.length > 0}>
        <p class="paper-authors" title={paper().authors.join(', ')}>
          {formatAuthors(paper().authors)}
        </p>
      </Show>
      <Show when={paper().abstract}>
        <p class="paper-abstract">{paper().abstract}</p>
      </Show>
      <Show when={props.entry.tags.length > 0}>
        <ul class="tags" aria-label="Tags">
          <For each={props.entry.tags}>{(tag) => <li class="tag">{tag}</li>}</For>
        </ul>
      </Show>
      <p class="paper-meta">
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
    </article>
  )
}
