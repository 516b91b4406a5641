import { Match, Show, Switch, createSignal, untrack } from 'solid-js'
import {
  addCandidate,
  closeRound,
  removeCandidate,
  reopenRound,
  setBallot,
  type RoundView,
} from '../../shared/model'
import type { GroupView } from '../data/create-group-view'
import { createRoundView } from '../data/rounds'
import { paperHref, roundsHref } from '../app/route'
import { UndoToast, type Undoable } from '../components/UndoToast'
import { BallotEditor } from '../components/rounds/BallotEditor'
import { MyBallotSummary } from '../components/rounds/MyBallotSummary'
import { RoundCandidates } from '../components/rounds/RoundCandidates'
import { RoundHeader } from '../components/rounds/RoundHeader'
import { RoundNotFound } from '../components/rounds/RoundNotFound'
import { RoundResult } from '../components/rounds/RoundResult'
import { createRoundNames } from '../components/rounds/round-papers'
import '../styles/rounds.css'

/** One ranked-choice round: its result, my ballot, and for writers its candidates and closing. */
export function RoundPage(props: { view: GroupView; roundId: string }) {
  // Another round is another projection: remount rather than follow the id.
  return (
    <Show when={props.roundId} keyed>
      {(roundId) => <RoundScreen view={props.view} roundId={roundId} />}
    </Show>
  )
}

function RoundScreen(props: { view: GroupView; roundId: string }) {
  const view = untrack(() => props.view)
  const round = createRoundView(
    view,
    untrack(() => props.roundId),
  )
  return (
    <Show
      when={round.value}
      fallback={<RoundNotFound backHref={roundsHref(view.groupId)} synced={view.synced()} />}
    >
      {(value) => <RoundContent view={view} round={value()} />}
    </Show>
  )
}

function RoundContent(props: { view: GroupView; round: RoundView }) {
  const view = untrack(() => props.view)
  const roundId = untrack(() => props.round.round.id)
  const names = createRoundNames(
    () => props.round,
    () => view.library.value,
    () => view.members.value,
  )
  const [status, setStatus] = createSignal('')
  const [offer, setOffer] = createSignal<Undoable>()
  const hrefOf = (paperId: string) => paperHref(view.groupId, paperId)
  const run = view.actions.run
  const me = () => view.memberId()
  const title = (paperId: string) => names.paperOf(paperId).title
  const myBallot = () => {
    const member = me()
    return member === undefined ? undefined : props.round.ballots[member]
  }

  const writeBallot = (ranking: string[]) =>
    run((doc, actor) => setBallot(doc, actor, roundId, ranking)) !== undefined
  const ballotCleared = (previous: string[]) =>
    setOffer({
      message: 'Your ballot is cleared.',
      // Only what is still a candidate can go back on the ballot.
      undo: () => writeBallot(previous.filter((id) => props.round.candidates.includes(id))),
    })
  const toggleClosed = () => {
    const wasClosed = props.round.closed
    const done = run((doc, actor) =>
      wasClosed ? reopenRound(doc, actor, roundId) : closeRound(doc, actor, roundId),
    )
    if (!done) return
    setStatus(
      wasClosed
        ? 'The round is open again: ballots can change.'
        : 'The round is closed: its result is final until it is reopened.',
    )
  }
  const addPapers = (paperIds: string[]) => {
    const refused = paperIds.findIndex(
      (paperId) => run((doc, actor) => addCandidate(doc, actor, roundId, paperId)) === undefined,
    )
    return refused < 0 ? paperIds.length : refused
  }
  const removePaper = (paperId: string) => {
    const name = title(paperId)
    if (!run((doc, actor) => removeCandidate(doc, actor, roundId, paperId))) return
    setOffer({
      message: `Removed “${name}” from the round.`,
      undo: () => run((doc, actor) => addCandidate(doc, actor, roundId, paperId)),
    })
    // Its row is gone: stay in the section.
    document.getElementById('candidates-heading')?.focus()
  }
  const writing = () => view.canWrite && !props.round.closed

  return (
    <article class="round-page" aria-labelledby="round-heading">
      <RoundHeader
        round={props.round}
        backHref={roundsHref(view.groupId)}
        nameOf={names.nameOf}
        onToggleClosed={view.canWrite ? toggleClosed : undefined}
      />
      <p class="visually-hidden" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={!view.canWrite}>
        <p class="read-only-note">
          Your link is read-only: you can follow the round and its result, but not vote, change its
          candidates or close it.
        </p>
      </Show>
      <Switch>
        <Match when={writing() && me()}>
          {(member) => (
            <BallotEditor
              round={props.round}
              me={member()}
              paperOf={names.paperOf}
              setBallot={writeBallot}
              onCleared={ballotCleared}
            />
          )}
        </Match>
        <Match when={writing()}>
          <p class="read-only-note">Choose your name above to rank the papers.</p>
        </Match>
        <Match when={props.round.closed ? myBallot() : undefined}>
          {(ranking) => <MyBallotSummary ranking={ranking()} paperOf={names.paperOf} />}
        </Match>
      </Switch>
      <RoundResult
        round={props.round}
        paperOf={names.paperOf}
        hrefOf={hrefOf}
        nameOf={names.nameOf}
      />
      <Show when={writing()}>
        <RoundCandidates
          round={props.round}
          library={view.library.value}
          paperOf={names.paperOf}
          hrefOf={hrefOf}
          onAdd={addPapers}
          onRemove={removePaper}
        />
      </Show>
      <UndoToast offer={offer()} onClose={() => setOffer(undefined)} />
    </article>
  )
}
