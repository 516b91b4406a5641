import { Show, createEffect, createSignal, untrack } from 'solid-js'
import { createStore, unwrap } from 'solid-js/store'
import { MAX_CANDIDATES, createRound } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { roundHref } from '../../app/route'
import { CandidatePicker } from './CandidatePicker'
import { newRoundDraft } from './new-round-draft'

/**
 * Opens a round: its question, the meeting it is for and the candidate papers. What is typed is
 * kept on this device until the round is opened, and stays in the form when the write is refused.
 */
export function NewRoundForm(props: { view: GroupView; onCancel: () => void }) {
  const view = untrack(() => props.view)
  const saved = newRoundDraft(view.groupId)
  const [draft, setDraft] = createStore(saved.read())
  const [problem, setProblem] = createSignal<string>()
  let title: HTMLInputElement | undefined

  createEffect(() => saved.write({ ...draft, chosen: [...draft.chosen] }))

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (draft.title.trim() === '') {
      setProblem('Give the round a title: the question the group answers.')
      title?.focus()
      return
    }
    const input = unwrap(draft)
    const round = view.actions.run((doc, actor) =>
      createRound(doc, actor, {
        title: input.title,
        meetingDate: input.meetingDate,
        candidates: [...input.chosen],
      }),
    )
    if (!round) {
      setProblem(view.actions.problem() ?? 'The round could not be opened.')
      // Said here, next to the form: the page-wide alert would say it twice.
      view.actions.dismiss()
      return
    }
    saved.clear()
    location.hash = roundHref(view.groupId, round.id)
  }

  return (
    <form class="new-round" aria-labelledby="new-round-heading" onSubmit={submit}>
      <h3 id="new-round-heading">Open a round</h3>
      <div class="field">
        <label for="new-round-title">Question</label>
        <input
          ref={title}
          id="new-round-title"
          type="text"
          aria-required="true"
          value={draft.title}
          onInput={(event) => {
            setDraft('title', event.currentTarget.value)
            setProblem(undefined)
          }}
        />
      </div>
      <div class="field">
        <label for="new-round-date">Meeting date (optional)</label>
        <input
          id="new-round-date"
          type="date"
          value={draft.meetingDate}
          onInput={(event) => setDraft('meetingDate', event.currentTarget.value)}
        />
      </div>
      <CandidatePicker
        id="new-round-paper"
        papers={view.library.value}
        chosen={draft.chosen}
        onChange={(chosen) => setDraft('chosen', chosen)}
        max={MAX_CANDIDATES}
        fullText={`That is the most a round can have (${MAX_CANDIDATES}): untick one to choose another.`}
      />
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="round-form-actions">
        <button type="submit">Open the round</button>
        <button type="button" class="secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  )
}
