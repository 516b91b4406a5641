import { Show, createEffect, createMemo, onCleanup, untrack } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { createPaperView } from '../data/create-paper-view'
import { PaperNotFound } from '../components/paper/PaperNotFound'
import { PaperScreen } from '../components/paper/PaperScreen'

/** One paper: its abstract with the group's highlights, annotations and threads. */
export function PaperPage(props: { view: GroupView; paperId: string }) {
  // The group's view lives as long as the group's page, which holds this one.
  const data = createPaperView(
    untrack(() => props.view),
    () => props.paperId,
  )
  // The canonical id: an alias id in the address shows (and marks) the paper it is the same as.
  const paperId = createMemo(() => data.paper?.id)

  createEffect(() => {
    const id = paperId()
    if (id === undefined) return
    const { presence, readMarks, library } = props.view
    // A visit keeps each member's newest activity as this device has it then: later activity
    // is told from it on each author's own clock, not by comparing it with this device's.
    const visit = () =>
      readMarks.markSeen(
        id,
        untrack(() => library.value.find((entry) => entry.paper.id === id)?.lastActivity),
      )
    presence.setPaper(id)
    visit()
    // Leaving counts as a visit too: what arrived while the paper was open has been seen.
    const onHide = () => {
      if (document.visibilityState === 'hidden') visit()
    }
    document.addEventListener('visibilitychange', onHide)
    onCleanup(() => {
      document.removeEventListener('visibilitychange', onHide)
      visit()
    })
  })
  onCleanup(() => props.view.presence.setPaper(undefined))

  // Keyed by the paper's id: another paper gets a fresh screen, not this one's note being
  // written, selection or undo offer.
  return (
    <Show
      when={paperId()}
      keyed
      fallback={<PaperNotFound groupId={props.view.groupId} synced={props.view.synced()} />}
    >
      {(id) => (
        <Show when={data.paper?.id === id && data.paper}>
          {(paper) => <PaperScreen view={props.view} data={data} paper={paper()} />}
        </Show>
      )}
    </Show>
  )
}
