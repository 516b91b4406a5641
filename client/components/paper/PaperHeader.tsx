import { Show } from 'solid-js'
import type { Paper } from '../../../shared/model'
import { groupHref } from '../../app/route'
import { formatAuthors } from '../../format/authors'
import { formatDate, isoDate } from '../../format/date'
import { safeLink } from './safe-link'

const SHOWN_AUTHORS = 8

/** Back to the library, then the paper's title, authors, date and links (always as text). */
export function PaperHeader(props: { groupId: string; paper: Paper; titleId: string }) {
  const abstractPage = () => safeLink(props.paper.links.abstract)
  const pdf = () => safeLink(props.paper.links.pdf)
  const doi = () => (props.paper.doi ? safeLink(`https://doi.org/${props.paper.doi}`) : undefined)
  const authors = () => props.paper.authors
  return (
    <header class="paper-header">
      <a class="back-link" href={groupHref(props.groupId)}>
        <span aria-hidden="true">← </span>Library
      </a>
      <h2 id={props.titleId} class="paper-page-title">
        {props.paper.title}
      </h2>
      <Show when={authors().length > 0}>
        <Show
          when={authors().length > SHOWN_AUTHORS + 1}
          fallback={<p class="paper-page-authors">{authors().join(', ')}</p>}
        >
          <details class="paper-page-authors">
            <summary>
              {formatAuthors(authors(), SHOWN_AUTHORS)}{' '}
              <span class="more-authors">(all {authors().length})</span>
            </summary>
            <p>{authors().join(', ')}</p>
          </details>
        </Show>
      </Show>
      <p class="paper-page-meta">
        <Show when={props.paper.published}>
          {(published) => (
            <span>
              Published <time datetime={isoDate(published())}>{formatDate(published())}</time>
            </span>
          )}
        </Show>
        <Show when={abstractPage()}>
          {(href) => (
            <a href={href()} target="_blank" rel="noopener noreferrer">
              Abstract page
            </a>
          )}
        </Show>
        <Show when={pdf()}>
          {(href) => (
            <a href={href()} target="_blank" rel="noopener noreferrer">
              PDF
            </a>
          )}
        </Show>
        <Show when={doi()}>
          {(href) => (
            <a href={href()} target="_blank" rel="noopener noreferrer">
              DOI {props.paper.doi}
            </a>
          )}
        </Show>
      </p>
    </header>
  )
}
