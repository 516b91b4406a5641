import { For, Show, createSignal, createUniqueId } from 'solid-js'
import type { ImportFormat, SkippedItem } from '../../../shared/importers'
import type { ImportPreview, PreviewRow } from '../../../shared/model/import-preview'
import { formatAuthors } from '../../format/authors'
import { formatCount } from '../../format/count'

/** Rows shown before the member asks for all of them. */
const FIRST_ROWS = 500

const FORMAT_NAMES: Record<ImportFormat, string> = {
  trending: 'a trending-papers page',
  arxiv: 'arXiv ids and links',
  bibtex: 'BibTeX',
  atom: 'an arXiv Atom feed',
  'hf-daily': 'Hugging Face daily papers',
}

/** "68 new, 2 already in the library", and repeats and refusals when there are any. */
export function previewSummary(preview: ImportPreview): string {
  const { counts } = preview
  const parts = [
    formatCount(counts.new, 'new', 'new'),
    `${formatCount(counts['in-library'], 'already', 'already')} in the library`,
  ]
  if (counts.repeated > 0) {
    parts.push(`${formatCount(counts.repeated, 'repeated', 'repeated')} in this paste`)
  }
  if (counts.invalid > 0) parts.push(`${formatCount(counts.invalid, 'cannot', 'cannot')} be added`)
  return parts.join(', ')
}

/**
 * The papers an import would add, each with a box to untick, and those it would not add, each
 * with why. Titles and authors come from the pasted text: rendered as text only.
 */
export function ImportPreviewList(props: {
  preview: ImportPreview
  format: ImportFormat
  source: string
  skipped: readonly SkippedItem[]
  unticked: ReadonlySet<number>
  onToggle: (index: number, ticked: boolean) => void
  onToggleAll: (ticked: boolean) => void
  headingRef?: (element: HTMLElement) => void
}) {
  const headingId = createUniqueId()
  const [showAll, setShowAll] = createSignal(false)
  // Thousands of rows at once are slow to lay out on a phone; most pastes are far smaller.
  const rows = () => (showAll() ? props.preview.rows : props.preview.rows.slice(0, FIRST_ROWS))
  let list: HTMLOListElement | undefined
  let heading: HTMLElement | undefined
  // The button goes away with the click: keep the keyboard where the new rows start.
  const showRest = () => {
    setShowAll(true)
    const rows = [...(list?.children ?? [])].slice(FIRST_ROWS)
    const next = rows.map((row) => row.querySelector('input')).find((input) => input !== null)
    ;(next ?? heading)?.focus()
  }
  const originalOf = (row: PreviewRow) =>
    row.repeatOf === undefined ? undefined : props.preview.rows[row.repeatOf]
  return (
    <section class="import-preview" aria-labelledby={headingId}>
      <h3
        id={headingId}
        tabIndex={-1}
        ref={(element) => {
          heading = element
          props.headingRef?.(element)
        }}
      >
        {previewSummary(props.preview)}
      </h3>
      <p class="import-hint">
        Read as {FORMAT_NAMES[props.format]} from {props.source}.
        <Show when={props.preview.counts.new > 0}> Untick the papers you do not want.</Show>
      </p>
      <Show when={props.preview.counts.new > 1}>
        <p class="import-select">
          <button type="button" class="link-button" onClick={() => props.onToggleAll(true)}>
            Tick all new
          </button>
          <button type="button" class="link-button" onClick={() => props.onToggleAll(false)}>
            Untick all
          </button>
        </p>
      </Show>
      <ol class="import-rows" ref={list}>
        <For each={rows()}>
          {(row) => (
            <li class={`import-row ${row.status}`}>
              <Show
                when={row.status === 'new'}
                fallback={<RowText row={row} original={originalOf(row)} />}
              >
                <label class="import-pick">
                  <input
                    type="checkbox"
                    checked={!props.unticked.has(row.index)}
                    onChange={(event) => props.onToggle(row.index, event.currentTarget.checked)}
                  />
                  <RowText row={row} />
                </label>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={rows().length < props.preview.rows.length}>
        <p class="import-more">
          Showing the first {FIRST_ROWS.toLocaleString()}.{' '}
          <button type="button" class="secondary" onClick={showRest}>
            Show all {props.preview.rows.length.toLocaleString()}
          </button>
        </p>
      </Show>
      <Show when={props.skipped.length > 0}>
        <details class="import-skipped">
          <summary>
            {formatCount(props.skipped.length, 'item was', 'items were')} left out of the list
          </summary>
          <ul>
            <For each={props.skipped}>
              {(item) => (
                <li>
                  <span class="import-at">{item.at}</span> {item.reason}
                  <Show when={item.excerpt}>
                    : <q>{item.excerpt}</q>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </section>
  )
}

function RowText(props: { row: PreviewRow; original?: PreviewRow | undefined }) {
  const flag = () => {
    const row = props.row
    if (row.status === 'in-library') {
      const other = row.existing && row.existing.title !== row.title ? row.existing.title : ''
      return other ? `Already in the library as “${other}”` : 'Already in the library'
    }
    if (row.status === 'repeated') {
      const other = props.original && props.original.title !== row.title ? props.original.title : ''
      return other
        ? `Appears twice in this paste, also as “${other}”`
        : 'Appears twice in this paste'
    }
    if (row.status === 'invalid') return `Cannot be added: ${row.problem ?? ''}`
    if (row.needsMetadata) return 'Details will be filled in from arXiv when online'
    return ''
  }
  return (
    <span class="import-paper">
      <span class="import-title">{props.row.title}</span>
      <Show when={props.row.authors.length > 0}>
        <span class="import-authors">{formatAuthors(props.row.authors)}</span>
      </Show>
      <Show when={props.row.arxivId && !props.row.needsMetadata}>
        <span class="import-id">arXiv:{props.row.arxivId}</span>
      </Show>
      <Show when={flag()}>
        <span class="import-flag">{flag()}</span>
      </Show>
    </span>
  )
}
