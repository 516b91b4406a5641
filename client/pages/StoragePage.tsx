import { For, Show, createSignal, onMount, untrack } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { createStorageFacts } from '../data/pdf-device'
import { createCurrentPdfs } from '../data/pdf-current'
import { createPendingFree } from '../data/pdf-pending-free'
import { createKeptPdfs, type KeptPdf } from '../data/pdf-store'
import { groupHref, paperHref } from '../app/route'
import { formatCount } from '../format/count'
import { formatSize } from '../components/pdf/format-size'
import { UndoToast, type Undoable } from '../components/UndoToast'
import '../styles/pdf.css'
import '../styles/pdf-storage.css'

/** What the member asked to free while offline, until they confirm or keep it. */
interface OfflineFree {
  pdfs: KeptPdf[]
  what: string
}

/**
 * The PDFs kept on this device, with their sizes and what the browser allows; frees space, with
 * an offer to undo (and, offline, a warning first: a freed PDF needs a connection to come back).
 */
export function StoragePage(props: { view: GroupView }) {
  const kept = createKeptPdfs()
  const storage = createStorageFacts()
  const current = createCurrentPdfs(untrack(() => props.view))
  const [problem, setProblem] = createSignal<string>()
  const pending = createPendingFree(setProblem)
  const [offer, setOffer] = createSignal<Undoable>()
  const [asked, setAsked] = createSignal<OfflineFree>()
  const list = () => kept.list()?.filter((pdf) => !pending.hidden().has(pdf.sha256))
  const sizeOf = (pdfs: readonly KeptPdf[]) => pdfs.reduce((sum, pdf) => sum + pdf.size, 0)
  const total = () => sizeOf(list() ?? [])
  let heading: HTMLHeadingElement | undefined
  let keepButton: HTMLButtonElement | undefined
  onMount(() => heading?.focus({ preventScroll: true }))

  const free = (pdfs: KeptPdf[], what: string) => {
    setAsked(undefined)
    setProblem(undefined)
    pending.free(pdfs.map((pdf) => pdf.sha256))
    setOffer({ message: `Freed ${formatSize(sizeOf(pdfs))}: ${what}.`, undo: pending.undo })
    // The Free button that held focus is gone with its row.
    heading?.focus()
  }
  // Offline, a freed PDF cannot be downloaded again until the device is back online.
  const request = (pdfs: KeptPdf[], what: string) => {
    if (props.view.status() !== 'offline') return free(pdfs, what)
    setAsked({ pdfs, what })
    keepButton?.focus()
  }
  const closeOffer = () => {
    setOffer(undefined)
    void pending.commit().then(() => storage.refresh())
  }
  const here = (pdf: KeptPdf) => pdf.owners.filter((owner) => owner.groupId === props.view.groupId)
  const titleOf = (pdf: KeptPdf) => (here(pdf)[0] ?? pdf.owners[0])?.title ?? 'A PDF'
  // Kept for papers of this group that all have another PDF now.
  const older = (pdf: KeptPdf) =>
    here(pdf).length > 0 &&
    here(pdf).every((owner) => {
      const now = current.value[owner.paperId]
      return now !== undefined && now !== pdf.sha256
    })

  return (
    <section class="storage-page" aria-labelledby="storage-heading">
      <div class="page-head storage-head">
        <h2 id="storage-heading" ref={heading} tabIndex={-1}>
          PDFs on this device
        </h2>
        <a href={groupHref(props.view.groupId)}>Back to the library</a>
      </div>
      <p>
        PDFs kept here open with no network. Keep them from a paper's page, or a whole tag or
        meeting agenda at once.
      </p>
      <StorageFacts
        usage={storage.facts().usage}
        quota={storage.facts().quota}
        persisted={storage.facts().persisted}
      />
      <Show when={problem() ?? kept.problem()}>
        {(text) => (
          <p class="error" role="alert">
            {text()}
          </p>
        )}
      </Show>
      <Show when={asked()}>
        {(what) => (
          <div class="storage-offline-warning" role="alert">
            <p>
              You are offline: once freed, {what().what} cannot be downloaded again until this
              device is back online. Free {what().pdfs.length === 1 ? 'it' : 'them'} anyway?
            </p>
            <div class="storage-offline-actions">
              <button type="button" onClick={() => free(what().pdfs, what().what)}>
                Free anyway
              </button>
              <button
                ref={keepButton}
                type="button"
                class="secondary"
                onClick={() => {
                  setAsked(undefined)
                  heading?.focus()
                }}
              >
                Keep {what().pdfs.length === 1 ? 'it' : 'them'}
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={list()}>
        {(shown) => (
          <Show
            when={shown().length > 0}
            fallback={<p class="empty">No PDFs are kept on this device.</p>}
          >
            <p class="storage-total">
              {formatCount(shown().length, 'PDF', 'PDFs')} kept, {formatSize(total())} in all.
            </p>
            <ul class="kept-list" aria-label="Kept PDFs, largest first">
              <For each={shown()}>
                {(pdf) => (
                  <li class="kept-row">
                    <span class="kept-title">
                      <Show
                        when={here(pdf)[0]}
                        fallback={
                          <>
                            {titleOf(pdf)} <span class="kept-other">(another group)</span>
                          </>
                        }
                      >
                        {(owner) => (
                          <a href={paperHref(owner().groupId, owner().paperId)}>{owner().title}</a>
                        )}
                      </Show>
                      <Show when={older(pdf)}>
                        {' '}
                        <span class="kept-older">
                          (an older PDF: the paper has another one now)
                        </span>
                      </Show>
                    </span>
                    <span class="kept-size">{formatSize(pdf.size)}</span>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Free ${formatSize(pdf.size)}: ${titleOf(pdf)}${older(pdf) ? ' (older PDF)' : ''}`}
                      onClick={() => request([pdf], titleOf(pdf))}
                    >
                      Free
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <button
              type="button"
              class="secondary"
              onClick={() => request(shown(), formatCount(shown().length, 'PDF', 'PDFs'))}
            >
              Free all ({formatSize(total())})
            </button>
          </Show>
        )}
      </Show>
      <UndoToast offer={offer()} onClose={closeOffer} />
    </section>
  )
}

function StorageFacts(props: { usage?: number; quota?: number; persisted?: boolean }) {
  return (
    <Show
      when={props.usage !== undefined && props.quota !== undefined}
      fallback={
        <p class="storage-estimate">This browser does not say how much room Margins has.</p>
      }
    >
      <p class="storage-estimate">
        Margins uses {formatSize(props.usage ?? 0)} of this device (the groups, the app and the
        PDFs); the browser allows about {formatSize(props.quota ?? 0)}.
        <Show when={props.persisted !== undefined}>
          {' '}
          {props.persisted
            ? 'The browser will keep it until you free it.'
            : 'The browser may clear it when the device runs short of space.'}
        </Show>
      </p>
    </Show>
  )
}
