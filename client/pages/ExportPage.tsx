import { For, Show, createMemo, createSignal, onMount, untrack } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { tagCounts } from '../data/library-query'
import {
  annotationCounts,
  annotationsFile,
  fileStem,
  libraryFile,
  saveFile,
} from '../data/export-files'
import { groupHref } from '../app/route'
import { formatCount } from '../format/count'
import '../styles/export.css'

/**
 * Takes the group's work elsewhere: its annotations and threads as W3C Web Annotation JSON-LD
 * (Hypothesis and other annotation tools), its papers as BibTeX (reference managers), for the
 * whole library or the papers of one tag. Open to read-only members too.
 */
export function ExportPage(props: { view: GroupView }) {
  const groupId = untrack(() => props.view.groupId)
  const tags = createMemo(() => tagCounts(props.view.library.value))
  const [scope, setScope] = createSignal<'all' | 'tag'>('all')
  const [tag, setTag] = createSignal<string>()
  // A tag renamed, merged or removed meanwhile is no longer a choice: the first one is.
  const chosenTag = () => {
    const chosen = tag()
    return tags().some((entry) => entry.tag === chosen) ? chosen : tags()[0]?.tag
  }
  const entries = createMemo(() => {
    const all = props.view.library.value
    if (scope() === 'all') return all
    const wanted = chosenTag()
    return all.filter((entry) => wanted !== undefined && entry.tags.includes(wanted))
  })
  const ids = createMemo(() => entries().map((entry) => entry.paper.id))
  const tagsById = () => new Map(entries().map((entry) => [entry.paper.id, entry.tags]))
  // What the file will hold, counted as the export counts (the library's counts include the
  // threads of deleted highlights, which the file leaves out).
  const counts = createMemo(() => annotationCounts(props.view, ids()))
  const stem = () => fileStem(props.view.settings.value?.name ?? '', 'reading-group')
  const scopedStem = () =>
    scope() === 'tag' ? `${stem()}-${fileStem(chosenTag() ?? '', 'tag')}` : stem()
  const [problem, setProblem] = createSignal<string>()
  const [saved, setSaved] = createSignal('')
  const [making, setMaking] = createSignal(false)
  let heading: HTMLHeadingElement | undefined
  onMount(() => heading?.focus({ preventScroll: true }))

  const download = async (kind: 'annotations' | 'library') => {
    setProblem(undefined)
    setSaved('')
    setMaking(true)
    const [view, name, paperIds] = [props.view, scopedStem(), ids()]
    try {
      const file =
        kind === 'annotations'
          ? annotationsFile(view, name, paperIds)
          : await libraryFile(view, name, paperIds, tagsById())
      saveFile(file)
      setSaved(`Saved ${file.name}.`)
    } catch (error) {
      setProblem(`The file could not be made: ${error instanceof Error ? error.message : error}`)
    } finally {
      setMaking(false)
    }
  }

  return (
    <section class="export-page" aria-labelledby="export-heading">
      <div class="page-head">
        <h2 id="export-heading" ref={heading} tabIndex={-1}>
          Export
        </h2>
        <a href={groupHref(groupId)}>Back to the library</a>
      </div>
      <p>
        Take the group's papers and notes to other tools. The files are made on this device from its
        copy of the group, so this works offline too.
      </p>
      <fieldset class="export-scope">
        <legend>Which papers</legend>
        <label>
          <input
            type="radio"
            name="export-scope"
            checked={scope() === 'all'}
            onChange={() => setScope('all')}
          />
          All papers ({props.view.library.value.length})
        </label>
        <div class="export-tag">
          <label>
            <input
              type="radio"
              name="export-scope"
              checked={scope() === 'tag'}
              disabled={tags().length === 0}
              onChange={() => setScope('tag')}
            />
            Papers tagged
          </label>
          <Show
            when={tags().length > 0}
            fallback={<span class="export-no-tags">(the group has no tags yet)</span>}
          >
            <select
              aria-label="Tag"
              disabled={scope() !== 'tag'}
              value={chosenTag() ?? ''}
              onChange={(event) => setTag(event.currentTarget.value)}
            >
              <For each={tags()}>
                {(entry) => (
                  <option value={entry.tag}>
                    {entry.tag} ({entry.count})
                  </option>
                )}
              </For>
            </select>
          </Show>
        </div>
      </fieldset>
      <p class="export-summary" role="status">
        {formatCount(entries().length, 'paper', 'papers')},{' '}
        {formatCount(counts().annotations, 'annotation', 'annotations')} and{' '}
        {formatCount(counts().comments, 'comment', 'comments')}.
      </p>
      <div class="export-files">
        <article class="export-file" aria-labelledby="export-annotations">
          <h3 id="export-annotations">Annotations and threads</h3>
          <p>
            W3C Web Annotation (JSON-LD), the format of Hypothesis and other annotation tools: each
            highlight with its passage, on the abstract or a page of the PDF, its note and replies.
          </p>
          <button
            type="button"
            disabled={entries().length === 0 || making()}
            onClick={() => void download('annotations')}
          >
            Download annotations (.jsonld)
          </button>
        </article>
        <article class="export-file" aria-labelledby="export-library">
          <h3 id="export-library">Library</h3>
          <p>
            BibTeX, for Zotero, JabRef and other reference managers: each paper's title, authors,
            date, abstract and arXiv id or DOI.
          </p>
          <button
            type="button"
            disabled={entries().length === 0 || making()}
            onClick={() => void download('library')}
          >
            Download BibTeX (.bib)
          </button>
        </article>
      </div>
      <p class="export-saved" role="status">
        {saved()}
      </p>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
    </section>
  )
}
