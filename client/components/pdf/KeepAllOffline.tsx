import { For, Show, createSignal } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { keepPapersOffline, type KeepResult } from '../../data/pdf-keep'
import { storageHref } from '../../app/route'
import { formatCount } from '../../format/count'
import { formatSize } from './format-size'
import '../../styles/pdf.css'

/**
 * "Keep all offline" for a set of papers (a tag's, a meeting's agenda): each paper's PDF is kept
 * on this device, fetched from arXiv first where it has none yet; the member is told which could
 * not be kept and why.
 */
export function KeepAllOffline(props: {
  view: GroupView
  /** The papers, read when the button is pressed. */
  paperIds: () => readonly string[]
  /** What the papers are, for the button's accessible name: "the agenda", "“vision”". */
  what: string
}) {
  const [progress, setProgress] = createSignal<string>()
  const [results, setResults] = createSignal<KeepResult[]>()
  const failed = () => results()?.filter((result) => result.problem !== undefined) ?? []
  const keptCount = () => results()?.filter((result) => result.problem === undefined).length ?? 0
  const keptBytes = () =>
    results()?.reduce(
      (sum, result) => sum + (result.problem === undefined ? (result.size ?? 0) : 0),
      0,
    ) ?? 0

  const run = async () => {
    const ids = props.paperIds()
    setResults(undefined)
    setProgress(`Keeping ${formatCount(ids.length, 'paper', 'papers')} offline…`)
    const done = await keepPapersOffline(props.view, ids, (count, total) =>
      setProgress(`Kept ${count} of ${total}…`),
    )
    setProgress(undefined)
    setResults(done)
  }

  return (
    <div class="keep-all">
      <button
        type="button"
        class="secondary"
        disabled={progress() !== undefined || props.paperIds().length === 0}
        aria-label={`Keep all offline: the PDFs of ${props.what}`}
        onClick={() => void run()}
      >
        Keep all offline
      </button>
      <div class="keep-all-result" aria-live="polite">
        <Show when={progress()}>{(text) => <p>{text()}</p>}</Show>
        <Show when={results()}>
          <p>
            {formatCount(keptCount(), 'PDF', 'PDFs')} kept on this device ({formatSize(keptBytes())}
            ).{' '}
            <Show when={failed().length > 0}>
              {formatCount(failed().length, 'paper', 'papers')} could not be kept:
            </Show>
          </p>
          <Show when={failed().length > 0}>
            <ul class="keep-all-failed">
              <For each={failed()}>
                {(result) => (
                  <li>
                    <span class="keep-all-title">{result.title}</span>: {result.problem}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <p>
            <a href={storageHref(props.view.groupId)}>PDFs kept on this device</a>
          </p>
        </Show>
      </div>
    </div>
  )
}
