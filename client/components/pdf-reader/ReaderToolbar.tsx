import { Show, createSignal, createUniqueId } from 'solid-js'

/**
 * The reader's tools: zoom out and in, fit to the width, which page is in view, finding words
 * across the pages (Enter or "Next" goes to the next match, Shift+Enter or "Previous" back), and
 * what the member must know about their selection.
 */
export function ReaderToolbar(props: {
  zoom: number
  fit: boolean
  page: number
  count: number
  onZoomOut: () => void
  onZoomIn: () => void
  onFit: () => void
  /** Finds `words` and moves by `step` matches; says how it went. */
  onFind: (words: string, step: 1 | -1) => string
  onWords: () => void
  /** Something the member must know about the selection before they save it. */
  notice?: string | undefined
  ref: (element: HTMLDivElement) => void
}) {
  const findId = createUniqueId()
  const [words, setWords] = createSignal('')
  const [status, setStatus] = createSignal('')
  const find = (step: 1 | -1) => setStatus(props.onFind(words(), step))

  return (
    <div ref={props.ref} class="pdf-toolbar" role="group" aria-label="Reader tools">
      <div class="pdf-zoom">
        <button
          type="button"
          class="secondary"
          aria-label="Zoom out"
          onClick={() => props.onZoomOut()}
        >
          −
        </button>
        <span class="pdf-zoom-level" aria-live="polite">
          <span class="visually-hidden">Zoom </span>
          {Math.round(props.zoom * 100)}%
        </span>
        <button
          type="button"
          class="secondary"
          aria-label="Zoom in"
          onClick={() => props.onZoomIn()}
        >
          +
        </button>
        <button
          type="button"
          class="secondary"
          aria-pressed={props.fit}
          onClick={() => props.onFit()}
        >
          Fit<span class="pdf-fit-word"> width</span>
        </button>
      </div>
      <p class="pdf-page-number">
        <span class="pdf-page-word">Page </span>
        {props.page}
        <span class="pdf-page-word"> of </span>
        <span aria-hidden="true" class="pdf-page-slash">
          {' / '}
        </span>
        {props.count}
      </p>
      <form
        class="pdf-find"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          find(1)
        }}
      >
        <label for={findId} class="visually-hidden">
          Find in the PDF
        </label>
        <input
          id={findId}
          type="search"
          placeholder="Find in the PDF"
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby={`${findId}-status`}
          value={words()}
          onInput={(event) => {
            setWords(event.currentTarget.value)
            setStatus('')
            props.onWords()
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || !event.shiftKey) return
            event.preventDefault()
            find(-1)
          }}
        />
        <button
          type="button"
          class="secondary"
          aria-label="Previous match"
          onClick={() => find(-1)}
        >
          ↑
        </button>
        <button type="submit" class="secondary" aria-label="Next match">
          ↓
        </button>
      </form>
      <p id={`${findId}-status`} class="pdf-find-status" role="status" aria-live="polite">
        <Show when={status()}>{status()}</Show>
      </p>
      <p class="pdf-selection-notice" role="status" aria-live="polite">
        <Show when={props.notice}>{props.notice}</Show>
      </p>
    </div>
  )
}
