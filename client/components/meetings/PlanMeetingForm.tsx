import { For, Show, createMemo, createSignal, onMount, untrack } from 'solid-js'
import { MAX_AGENDA, createMeeting, type MeetingInput } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import type { ClosedRound, MeetingLookups } from '../../data/meetings'
import { meetingHref } from '../../app/route'
import { formatCount } from '../../format/count'
import { addDays, parseDay } from './meeting-dates'
import { PaperPicker } from './PaperPicker'
import { MeetingDayFields } from './MeetingDayFields'
import { RoundChoice, defaultCount } from './RoundChoice'

const FULL = `An agenda holds at most ${MAX_AGENDA} papers: unpick one, or take fewer from the round.`

/**
 * Plans a meeting: its day (a week from today to start with), an optional title, and an agenda
 * of a closed round's best papers, then papers picked by hand. On success the meeting's page
 * opens; a refusal keeps everything as typed and says why.
 */
export function PlanMeetingForm(props: {
  view: GroupView
  today: string
  rounds: readonly ClosedRound[]
  lookups: MeetingLookups
  onCancel: () => void
}) {
  const [date, setDate] = createSignal(
    addDays(
      untrack(() => props.today),
      7,
    ),
  )
  const [dateTouched, setDateTouched] = createSignal(false)
  const [title, setTitle] = createSignal('')
  const [roundId, setRoundId] = createSignal('')
  const [count, setCount] = createSignal(0)
  const [picked, setPicked] = createSignal<string[]>([])
  const [dateProblem, setDateProblem] = createSignal('')
  const [problem, setProblem] = createSignal('')
  let dateInput: HTMLInputElement | undefined
  onMount(() => dateInput?.focus())

  const round = () => props.rounds.find((entry) => entry.id === roundId())
  const fromRound = createMemo(
    () =>
      round()
        ?.ranking.slice(0, count())
        .map((entry) => entry.paperId) ?? [],
  )
  const fromRoundSet = createMemo(() => new Set(fromRound()))
  const agenda = createMemo(() => [...new Set([...fromRound(), ...picked()])])

  const chooseRound = (id: string) => {
    setRoundId(id)
    const chosen = round()
    setCount(chosen ? defaultCount(chosen) : 0)
    // The round was for a day: that is the meeting's, unless the member chose another.
    if (chosen?.meetingDate && !dateTouched() && chosen.meetingDate >= props.today) {
      setDate(chosen.meetingDate)
    }
    setProblem('')
  }

  const pick = (paperId: string, on: boolean): string | undefined => {
    setProblem('')
    if (!on) {
      setPicked((list) => list.filter((id) => id !== paperId))
      return undefined
    }
    if (agenda().length >= MAX_AGENDA) return FULL
    setPicked((list) => [...list, paperId])
    return undefined
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const day = parseDay(date())
    if (!day) {
      setDateProblem('Choose the day of the meeting.')
      dateInput?.focus()
      return
    }
    if (agenda().length > MAX_AGENDA) {
      setProblem(FULL)
      return
    }
    const input: MeetingInput = { date: day, title: title().trim(), papers: picked() }
    if (round()) Object.assign(input, { roundId: roundId(), count: count() })
    const meeting = props.view.actions.run((doc, actor) => createMeeting(doc, actor, input))
    if (!meeting) {
      // Said here, beside the form: the page-wide alert would say it a second time.
      setProblem(props.view.actions.problem() ?? 'The meeting could not be planned.')
      props.view.actions.dismiss()
      return
    }
    location.hash = meetingHref(props.view.groupId, meeting.id)
  }

  return (
    <form class="plan-meeting" aria-labelledby="plan-meeting-heading" onSubmit={submit} noValidate>
      <h3 id="plan-meeting-heading">Plan a meeting</h3>
      <MeetingDayFields
        date={date()}
        onDate={(value) => {
          setDate(value)
          setDateTouched(true)
          setDateProblem('')
        }}
        dateProblem={dateProblem()}
        title={title()}
        onTitle={setTitle}
        titlePlaceholder="e.g. Diffusion models, part 2"
        dateRef={(input) => (dateInput = input)}
      />
      <RoundChoice
        groupId={props.view.groupId}
        rounds={props.rounds}
        roundId={roundId()}
        count={count()}
        paper={props.lookups.paper}
        onRound={chooseRound}
        onCount={(value) => {
          setCount(value)
          setProblem('')
        }}
      />
      <PaperPicker
        papers={props.view.library.value}
        picked={picked()}
        fromRound={fromRoundSet()}
        onPick={pick}
      />
      <section class="plan-part plan-agenda" aria-labelledby="plan-agenda-heading">
        <h4 id="plan-agenda-heading">
          The agenda: {formatCount(agenda().length, 'paper', 'papers')} of at most {MAX_AGENDA}
        </h4>
        <Show
          when={agenda().length > 0}
          fallback={<p class="plan-hint">No papers yet: you can add them on the meeting's page.</p>}
        >
          <ol class="round-picks">
            <For each={agenda()}>
              {(id) => (
                <li>{props.lookups.paper(id)?.paper.title ?? 'A paper not on this device yet'}</li>
              )}
            </For>
          </ol>
        </Show>
        <Show when={agenda().length > MAX_AGENDA}>
          <p class="plan-error">{FULL}</p>
        </Show>
      </section>
      <Show when={problem()}>
        <p class="plan-error" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="plan-actions">
        <button type="submit">Plan the meeting</button>
        <button type="button" class="secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  )
}
