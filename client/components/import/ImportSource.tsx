import { createSignal, createUniqueId } from 'solid-js'

/** Largest file the dialog reads: bigger ones are surely not a list of papers. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

const ACCEPTED = '.bib,.bibtex,.json,.xml,.atom,.txt,text/plain,application/json,application/xml'

/**
 * Where the papers come from: a text box to paste into, a file chooser, and the whole area as a
 * drop target for a file or dragged text.
 */
export function ImportSource(props: {
  text: string
  onText: (text: string) => void
  onFile: (text: string, filename: string) => void
  onError: (message: string) => void
  ref?: (textarea: HTMLTextAreaElement) => void
}) {
  const textId = createUniqueId()
  const hintId = createUniqueId()
  const fileId = createUniqueId()
  const [dragging, setDragging] = createSignal(false)

  const readFile = async (file: File | undefined) => {
    if (!file) return
    if (file.size > MAX_FILE_BYTES) {
      const megabytes = Math.ceil(file.size / 1024 / 1024)
      props.onError(`${file.name} is ${megabytes} MB; the import reads files of up to 20 MB.`)
      return
    }
    try {
      props.onFile(await file.text(), file.name)
    } catch {
      props.onError(`${file.name} could not be read.`)
    }
  }

  const drop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const data = event.dataTransfer
    if (data?.files.length) return void readFile(data.files[0])
    const text = data?.getData('text/plain')
    if (text) props.onText(text)
  }

  return (
    <div
      class="import-source"
      classList={{ dragging: dragging() }}
      onDragOver={(event) => {
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <label for={textId}>Paste papers</label>
      <p id={hintId} class="import-hint">
        A trending-papers page, arXiv ids or links, BibTeX, an arXiv Atom feed or Hugging Face daily
        papers (JSON). Nothing is added before you see the list.
      </p>
      <textarea
        id={textId}
        ref={(element) => props.ref?.(element)}
        class="import-text"
        rows={9}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={hintId}
        value={props.text}
        onInput={(event) => props.onText(event.currentTarget.value)}
      />
      <div class="import-file">
        <label for={fileId}>Or choose a file</label>
        <input
          id={fileId}
          type="file"
          accept={ACCEPTED}
          onChange={(event) => {
            const input = event.currentTarget
            void readFile(input.files?.[0]).finally(() => (input.value = ''))
          }}
        />
        <p class="import-hint">.bib, .json or .xml; you can also drop a file here.</p>
      </div>
    </div>
  )
}
