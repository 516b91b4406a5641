import { Show, createSignal, untrack } from 'solid-js'
import type { GroupView } from '../data/create-group-view'
import { createRoundList } from '../data/rounds'
import { groupHref, roundHref } from '../app/route'
import { NewRoundForm } from '../components/rounds/NewRoundForm'
import { RoundList } from '../components/rounds/RoundList'
import '../styles/rounds.css'

/** The group's ranked-choice rounds, newest first; writers open new ones. */
export function RoundsPage(props: { view: GroupView }) {
  const view = untrack(() => props.view)
  const rounds = createRoundList(view)
  // A group without rounds has nothing else to show: the form is what a writer came for.
  const [opening, setOpening] = createSignal(untrack(() => rounds.value.length === 0))
  let toggle: HTMLButtonElement | undefined
  const cancel = () => {
    setOpening(false)
    toggle?.focus()
  }

  return (
    <section class="rounds-page" aria-labelledby="rounds-heading">
      <div class="rounds-head">
        <h2 id="rounds-heading">Rounds</h2>
        <a href={groupHref(view.groupId)}>Back to the library</a>
      </div>
      <p class="rounds-intro">
        A round asks the group what to read next: each member ranks the candidate papers, best
        first, and the group ranking is worked out from every ballot.
      </p>
      <Show
        when={view.canWrite}
        fallback={
          <p class="read-only-note">
            Your link is read-only: you can see the rounds and their results but not open rounds or
            vote.
          </p>
        }
      >
        <Show
          when={opening()}
          fallback={
            <button
              ref={toggle}
              type="button"
              class="open-round-button"
              onClick={() => {
                setOpening(true)
                document.getElementById('new-round-title')?.focus()
              }}
            >
              Open a round
            </button>
          }
        >
          <NewRoundForm view={view} onCancel={cancel} />
        </Show>
      </Show>
      <Show
        when={rounds.value.length > 0}
        fallback={
          <p class="empty">
            No rounds yet.
            <Show when={view.canWrite}>
              {' '}
              Open one to let the group rank the papers it could read at the next meeting.
            </Show>
          </p>
        }
      >
        <h3 class="rounds-list-heading">All rounds</h3>
        <RoundList
          rounds={rounds.value}
          hrefOf={(roundId) => roundHref(view.groupId, roundId)}
          me={view.canWrite ? view.memberId() : undefined}
        />
      </Show>
    </section>
  )
}
