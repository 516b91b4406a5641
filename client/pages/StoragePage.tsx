import { For, Show, createSignal, onMount } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { createStorageFacts } from '../data/pdf-device'
import { createKeptPdfs, freeKeptPdfs, type KeptPdf } from '../data/pdf-store'
import { groupHref, paperHref } from '../app/route'
import { formatCount } from '../format/count'
import { formatSize } from '../components/pdf/format-size'
import '../styles/pdf.css'

/** The PDFs kept on this device, with their sizes and what the browser allows; frees space. */
export function StoragePage(props: { view: GroupView }) {
  const kept = createKeptPdfs()
  const storage = createStorageFacts()
  const [said, setSaid] = createSignal('')
  const [problem, setProblem] = createSignal<string>()
  const total = () => (kept.list() ?? []).reduce((sum, pdf) => sum + pdf.size, 0)
  let heading: HTMLHeadingElement | undefined
  onMount(() => heading?.focus({ preventScroll: true }))

  const free = async (sha256s: readonly string[] | undefined, message: string) => {
    try {
      await freeKeptPdfs(sha256s)
      setProblem(undefined)
      setSaid(message)
      storage.refresh()
      // The Free button that held focus is gone with its row.
      heading?.focus()
    } catch {
      setProblem('The space could not be freed: this browser refused to change its storage.')
    }
  }
  const titleOf = (pdf: KeptPdf) => {
    const here = pdf.owners.filter((owner) => owner.groupId === props.view.groupId)
    return (here[0] ?? pdf.owners[0])?.title ?? 'A PDF'
  }

  return (
    <section class="storage-page" aria-labelledby="storage-heading">
      <div class="storage-head">
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
      <p class="visually-hidden" role="status" aria-live="polite">
        {said()}
      </p>
      <Show when={problem() ?? kept.problem()}>
        {(text) => (
          <p class="error" role="alert">
            {text()}
          </p>
        )}
      </Show>
      <Show when={kept.list()}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={<p class="empty">No PDFs are kept on this device.</p>}
          >
            <p class="storage-total">
              {formatCount(list().length, 'PDF', 'PDFs')} kept, {formatSize(total())} in all.
            </p>
            <ul class="kept-list" aria-label="Kept PDFs, largest first">
              <For each={list()}>
                {(pdf) => {
                  const here = () =>
                    pdf.owners.find((owner) => owner.groupId === props.view.groupId)
                  return (
                    <li class="kept-row">
                      <span class="kept-title">
                        <Show
                          when={here()}
                          fallback={
                            <>
                              {titleOf(pdf)} <span class="kept-other">(another group)</span>
                            </>
                          }
                        >
                          {(owner) => (
                            <a href={paperHref(owner().groupId, owner().paperId)}>
                              {owner().title}
                            </a>
                          )}
                        </Show>
                      </span>
                      <span class="kept-size">{formatSize(pdf.size)}</span>
                      <button
                        type="button"
                        class="secondary"
                        aria-label={`Free ${formatSize(pdf.size)}: ${titleOf(pdf)}`}
                        onClick={() => void free([pdf.sha256], `Freed ${formatSize(pdf.size)}.`)}
                      >
                        Free
                      </button>
                    </li>
                  )
                }}
              </For>
            </ul>
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void free(undefined, `Freed ${formatSize(total())}: no PDFs are kept.`)
              }
            >
              Free all ({formatSize(total())})
            </button>
          </Show>
        )}
      </Show>
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
