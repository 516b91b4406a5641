import { Show, createSignal, createUniqueId, untrack } from 'solid-js'
import type { Paper, PaperPdf } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { attachArxivPdf, attachPdfFile, type AttachOutcome } from '../../data/pdf-attach'
import { keepPaperOffline } from '../../data/pdf-keep'
import { openPdfInTab } from '../../data/pdf-open'
import { freeKeptPdfs, type KeptPdfs } from '../../data/pdf-store'
import { pdfReaderHref, storageHref } from '../../app/route'
import { formatDate } from '../../format/date'
import { AttachPdf } from './AttachPdf'
import { formatSize } from './format-size'
import '../../styles/pdf.css'
import '../../styles/pdf-reader-link.css'
import '../../styles/pdf-storage.css'

/**
 * A paper's PDF: attaching one (a file, or arXiv's), opening it in the reader (with the group's
 * highlights) or in the browser's own viewer, and keeping it on this device so that it opens
 * with no network.
 */
export function PdfSection(props: {
  view: GroupView
  paper: Paper
  pdf: PaperPdf | undefined
  kept: KeptPdfs
}) {
  const headingId = createUniqueId()
  const [busy, setBusy] = createSignal(false)
  const [said, setSaid] = createSignal('')
  const [problem, setProblem] = createSignal<string>()
  const kept = () => (props.pdf ? props.kept.find(props.pdf.sha256) : undefined)
  // A copy of the paper's PDF from before it was replaced: keeping the new one frees it.
  const olderKept = () =>
    props.kept
      .list()
      ?.find(
        (copy) =>
          copy.sha256 !== props.pdf?.sha256 &&
          copy.owners.some(
            (owner) => owner.groupId === props.view.groupId && owner.paperId === props.paper.id,
          ),
      )
  // Where the member left off, on this device or another of theirs.
  const readerLabel = (sha256: string) => {
    const position = props.view.reading.of(props.paper.id)
    return position?.pdf === sha256 && position.page > 1
      ? `Continue reading at page ${position.page}`
      : 'Open in the reader'
  }
  const addedBy = (memberId: string) =>
    props.view.members.value.find((member) => member.id === memberId)?.name ?? 'a former member'

  const work = async (doing: string, task: () => Promise<string | undefined>) => {
    setBusy(true)
    setProblem(undefined)
    setSaid(doing)
    try {
      const failed = await task()
      setProblem(failed)
      if (failed) setSaid('')
    } finally {
      setBusy(false)
    }
  }
  const attached = (outcome: AttachOutcome) => {
    if (outcome.problem !== undefined) return outcome.problem
    setSaid(`PDF attached (${formatSize(outcome.pdf.size)}).`)
    return undefined
  }
  // The group's view lives as long as the page; each action is given its paper when used.
  const view = untrack(() => props.view)
  const attachFile = (paperId: string, file: File) =>
    work('Sending the PDF to the group…', async () =>
      attached(await attachPdfFile(view, paperId, file)),
    )
  const fromArxiv = (paperId: string) =>
    work('Asking the server to fetch the PDF from arXiv…', async () =>
      attached(await attachArxivPdf(view, paperId)),
    )
  const keep = (paperId: string) =>
    work('Keeping the PDF on this device…', async () => {
      const result = await keepPaperOffline(view, paperId)
      if (result.problem !== undefined) return result.problem
      setSaid(`Kept on this device (${formatSize(result.size ?? 0)}): it opens with no network.`)
      return undefined
    })
  const free = (sha256: string) =>
    work('Removing the copy on this device…', async () => {
      setAskFree(false)
      await freeKeptPdfs([sha256])
      setSaid('The PDF is no longer kept on this device.')
      return undefined
    })
  // Offline, the copy cannot be downloaded again once removed: asked first.
  const [askFree, setAskFree] = createSignal(false)
  let keepIt: HTMLButtonElement | undefined
  const remove = (sha256: string) => {
    if (props.view.status() !== 'offline') return void free(sha256)
    setAskFree(true)
    keepIt?.focus()
  }
  const open = (sha256: string) => {
    setProblem(undefined)
    void openPdfInTab(props.view.groupId, sha256).then(setProblem)
  }

  return (
    <section class="pdf-section" aria-labelledby={headingId}>
      <h3 id={headingId}>PDF</h3>
      <Show
        when={props.pdf}
        fallback={
          <Show
            when={props.view.canWrite}
            fallback={
              <p class="empty">
                No PDF yet. Your link is read-only, so you cannot attach one; a member with a write
                link can.
              </p>
            }
          >
            <p class="empty">No PDF yet.</p>
            <AttachPdf
              busy={busy()}
              fromArxiv={props.paper.arxivId !== undefined}
              label="Attach a PDF file"
              onFile={(file) => void attachFile(props.paper.id, file)}
              onArxiv={() => void fromArxiv(props.paper.id)}
            />
          </Show>
        }
      >
        {(pdf) => (
          <>
            <p class="pdf-facts">
              {pdf().source === 'arxiv'
                ? `From arXiv (${pdf().arxivId ?? ''})`
                : (pdf().name ?? 'Uploaded file')}
              {' · '}
              {formatSize(pdf().size)}
              {' · added by '}
              {addedBy(pdf().addedBy)}
              {pdf().addedAt > 0 ? ` on ${formatDate(pdf().addedAt)}` : ''}
            </p>
            <div class="pdf-actions">
              <a class="pdf-reader-link" href={pdfReaderHref(props.view.groupId, props.paper.id)}>
                {readerLabel(pdf().sha256)}
              </a>
              <button type="button" class="secondary" onClick={() => open(pdf().sha256)}>
                Open PDF
              </button>
              <Show
                when={kept()}
                fallback={
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy()}
                    onClick={() => void keep(props.paper.id)}
                  >
                    Keep offline
                  </button>
                }
              >
                {(copy) => (
                  <span class="pdf-kept">
                    Kept offline ({formatSize(copy().size)}){' · '}
                    <button
                      type="button"
                      class="link-button"
                      disabled={busy()}
                      aria-label="Remove the copy kept on this device"
                      onClick={() => remove(copy().sha256)}
                    >
                      Remove
                    </button>
                  </span>
                )}
              </Show>
            </div>
            <Show when={askFree() && kept()}>
              {(copy) => (
                <div class="pdf-offline-warning" role="alert">
                  <p>
                    You are offline: once removed, this PDF cannot be downloaded again until this
                    device is back online. Remove it anyway?
                  </p>
                  <button type="button" disabled={busy()} onClick={() => void free(copy().sha256)}>
                    Remove anyway
                  </button>{' '}
                  <button
                    ref={keepIt}
                    type="button"
                    class="secondary"
                    onClick={() => setAskFree(false)}
                  >
                    Keep it
                  </button>
                </div>
              )}
            </Show>
            <Show when={!kept() && olderKept()}>
              {(older) => (
                <p class="pdf-older-kept">
                  This device keeps an older PDF of this paper ({formatSize(older().size)}), from
                  before it was replaced. Keeping this one offline frees it, or free it in{' '}
                  <a href={storageHref(props.view.groupId)}>Storage</a>.
                </p>
              )}
            </Show>
            <Show when={props.view.canWrite}>
              <details class="pdf-replace">
                <summary>Attach another PDF</summary>
                <AttachPdf
                  busy={busy()}
                  fromArxiv={props.paper.arxivId !== undefined && pdf().source !== 'arxiv'}
                  label="Attach another PDF file"
                  onFile={(file) => void attachFile(props.paper.id, file)}
                  onArxiv={() => void fromArxiv(props.paper.id)}
                />
              </details>
            </Show>
          </>
        )}
      </Show>
      <p class="pdf-status" role="status" aria-live="polite">
        {said()}
      </p>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <p class="pdf-storage-link">
        <a href={storageHref(props.view.groupId)}>PDFs kept on this device</a>
      </p>
    </section>
  )
}
