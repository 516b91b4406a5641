import {
  Show,
  createMemo,
  createSignal,
  createUniqueId,
  onCleanup,
  onMount,
  untrack,
} from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { readImportDraft, saveImportDraft } from '../../data/import-draft'
import { MAX_IMPORT, ModelError, importPapers } from '../../../shared/model'
import type { ImportFormat, ImportResult } from '../../../shared/importers'
import {
  chosenInputs,
  importBatches,
  previewImport,
  type ImportPreview,
} from '../../../shared/model/import-preview'
import { formatCount } from '../../format/count'
import { ImportPreviewList } from './ImportPreviewList'
import { ImportSource } from './ImportSource'
import { announce } from './announce'
import '../../styles/import.css'

type Parsed = ImportResult & { format: ImportFormat; source: string; preview: ImportPreview }

/**
 * Adds papers to the group: paste or drop, preview with duplicates flagged, then import. A
 * modal dialog (Escape closes it, focus stays inside); the pasted text is kept as a draft until
 * it is imported. `onImported` receives the "Added N papers" message, which is also announced.
 */
export function ImportDialog(props: {
  view: GroupView
  onClose: () => void
  onImported?: (message: string) => void
}) {
  const titleId = createUniqueId()
  // Read once: the dialog belongs to one group for its whole life.
  const groupId = untrack(() => props.view.groupId)
  const [text, setText] = createSignal(readImportDraft(groupId))
  const [parsed, setParsed] = createSignal<Parsed>()
  const [error, setError] = createSignal<string>()
  const [unticked, setUnticked] = createSignal<ReadonlySet<number>>(new Set())
  // The importers are a large part of the bundle: loaded when the dialog opens, not before.
  const importers = import('../../../shared/importers/detect')
  importers.catch(() => undefined)
  let dialog: HTMLDialogElement | undefined
  let textarea: HTMLTextAreaElement | undefined
  let heading: HTMLElement | undefined
  const opener = document.activeElement as HTMLElement | null

  const preview = createMemo(() => {
    const result = parsed()
    return (
      result &&
      previewImport(
        props.view.library.value.map((item) => item.paper),
        result.papers,
      )
    )
  })
  const chosen = createMemo(() => {
    const current = preview()
    return current ? chosenInputs(current, unticked()) : []
  })
  const newChosen = () => (preview()?.counts.new ?? 0) - unticked().size

  onMount(() => {
    dialog?.showModal()
    textarea?.focus()
  })
  onCleanup(() => {
    if (dialog?.open) dialog.close()
    if (opener?.isConnected) opener.focus()
  })

  const editText = (value: string) => {
    setText(value)
    saveImportDraft(groupId, value)
  }

  const read = async (input: string, filename?: string) => {
    setError(undefined)
    let detect: Awaited<typeof importers>['detectAndImport']
    try {
      detect = (await importers).detectAndImport
    } catch {
      setError('The importers could not be loaded. Check your connection and try again.')
      return
    }
    try {
      const result = detect(input, filename)
      if (result.papers.length === 0) {
        setError(nothingFound(result, filename))
        return
      }
      // The library as it is now: a paper another member adds meanwhile is still found to be a
      // duplicate by the import itself, and a preview that changed under the member's eyes
      // (and re-rendered thousands of rows) would be worse.
      const library = props.view.library.value.map((item) => item.paper)
      const preview = previewImport(library, result.papers)
      setUnticked(new Set<number>())
      setParsed({ ...result, source: filename ?? 'the pasted text', preview })
      heading?.focus()
    } catch (failure) {
      if (!(failure instanceof ModelError)) throw failure
      setError(`${filename ?? 'The pasted text'} cannot be read: ${failure.message}`)
    }
  }

  const back = () => {
    setParsed(undefined)
    setError(undefined)
    textarea?.focus()
  }

  const toggle = (index: number, ticked: boolean) => {
    const next = new Set(unticked())
    if (ticked) next.delete(index)
    else next.add(index)
    setUnticked(next)
  }
  const toggleAll = (ticked: boolean) => {
    const rows = preview()?.rows ?? []
    setUnticked(new Set(ticked ? [] : rows.filter((r) => r.status === 'new').map((r) => r.index)))
  }

  const add = () => {
    let added = 0
    for (const batch of importBatches(chosen())) {
      const outcome = props.view.actions.run((doc, actor) => importPapers(doc, actor, batch))
      if (!outcome) {
        const problem = props.view.actions.problem() ?? 'The papers could not be added.'
        setError(
          added === 0
            ? problem
            : `Added ${formatCount(added, 'paper', 'papers')}, but not the rest: ${problem}`,
        )
        return
      }
      added += outcome.added.length
    }
    const message = `Added ${formatCount(added, 'paper', 'papers')}`
    saveImportDraft(groupId, '')
    announce(message)
    props.onImported?.(message)
    props.onClose()
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (parsed()) add()
    else void read(text())
  }

  return (
    <dialog
      ref={(element) => (dialog = element)}
      class="import-dialog"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        props.onClose()
      }}
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
    >
      <form class="import-form" onSubmit={submit}>
        <header class="import-header">
          <h2 id={titleId}>Add papers</h2>
        </header>
        <div class="import-body">
          <Show when={!props.view.canWrite}>
            <p class="error">This link is read-only: you can read the group but not add papers.</p>
          </Show>
          <Show when={error()}>
            <p class="error" role="alert">
              {error()}
            </p>
          </Show>
          <Show
            when={parsed() && preview()}
            fallback={
              <ImportSource
                text={text()}
                onText={editText}
                onFile={(content, name) => void read(content, name)}
                onError={setError}
                ref={(element) => (textarea = element)}
              />
            }
          >
            {(current) => (
              <>
                <ImportPreviewList
                  preview={current()}
                  format={(parsed() as Parsed).format}
                  source={(parsed() as Parsed).source}
                  skipped={(parsed() as Parsed).skipped}
                  unticked={unticked()}
                  onToggle={toggle}
                  onToggleAll={toggleAll}
                  headingRef={(element) => (heading = element)}
                />
                <Show when={chosen().length > MAX_IMPORT}>
                  <p class="import-hint">
                    That is more than {MAX_IMPORT.toLocaleString()} papers: they are added in{' '}
                    {importBatches(chosen()).length} parts, one after the other.
                  </p>
                </Show>
              </>
            )}
          </Show>
        </div>
        <footer class="import-actions">
          <Show
            when={parsed()}
            fallback={
              <button type="submit" disabled={text().trim() === ''}>
                Preview
              </button>
            }
          >
            <button type="submit" disabled={!props.view.canWrite || newChosen() === 0}>
              {newChosen() === 0
                ? 'Nothing new to add'
                : `Add ${formatCount(newChosen(), 'paper', 'papers')}`}
            </button>
            <button type="button" class="secondary" onClick={back}>
              Back
            </button>
          </Show>
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            Cancel
          </button>
        </footer>
      </form>
    </dialog>
  )
}

function nothingFound(result: ImportResult & { format: ImportFormat }, filename?: string): string {
  const from = filename ?? 'the pasted text'
  const first = result.skipped[0]
  if (first) {
    const more = result.skipped.length > 1 ? ` (and ${result.skipped.length - 1} more)` : ''
    return `No paper could be read from ${from}: ${first.at}: ${first.reason}${more}.`
  }
  return `No paper found in ${from}. Paste a trending-papers page, arXiv ids or links, or BibTeX.`
}
