import { Show, createSignal, createUniqueId } from 'solid-js'

/**
 * Where a member gives a paper its PDF: a file picker (the way on a phone), dropping a file on
 * the area, and for arXiv papers a button that has the server fetch it.
 */
export function AttachPdf(props: {
  busy: boolean
  /** True when the paper has an arXiv id. */
  fromArxiv: boolean
  /** The picker's label: "Attach a PDF file" or "Attach another PDF file". */
  label: string
  onFile: (file: File) => void
  onArxiv: () => void
}) {
  const inputId = createUniqueId()
  const [over, setOver] = createSignal(false)
  let input: HTMLInputElement | undefined
  const hasFile = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    const file = event.dataTransfer?.files[0]
    if (file && !props.busy) props.onFile(file)
  }
  const picked = () => {
    const file = input?.files?.[0]
    // Cleared, so that picking the same file again (after a refusal) is seen as a choice.
    if (input) input.value = ''
    if (file) props.onFile(file)
  }

  return (
    <div
      class="pdf-drop"
      classList={{ over: over() }}
      onDragEnter={(event) => hasFile(event) && setOver(true)}
      onDragOver={(event) => {
        if (!hasFile(event)) return
        event.preventDefault()
        setOver(true)
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false)
      }}
      onDrop={drop}
    >
      <Show when={props.fromArxiv}>
        <button type="button" disabled={props.busy} onClick={() => props.onArxiv()}>
          Get the PDF from arXiv
        </button>
      </Show>
      <div class="pdf-file">
        <label for={inputId}>{props.label}</label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept="application/pdf,.pdf"
          disabled={props.busy}
          onChange={picked}
        />
        <span class="pdf-drop-hint">or drop it here</span>
      </div>
    </div>
  )
}
