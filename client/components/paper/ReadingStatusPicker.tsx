import { For, Show, createUniqueId } from 'solid-js'
import { setReadingStatus, type MemberStatus, type ReadingStatus } from '../../../shared/model'
import { joinNames } from './member-list'
import { usePaperContext } from './paper-context'

const OPTIONS: ReadonlyArray<{ value: ReadingStatus | 'none'; label: string }> = [
  { value: 'none', label: 'Not set' },
  { value: 'to-read', label: 'To read' },
  { value: 'reading', label: 'Reading' },
  { value: 'read', label: 'Read' },
]

/** The member's reading status, as a segmented choice, and who is reading or has read it. */
export function ReadingStatusPicker(props: { statuses: readonly MemberStatus[] }) {
  const context = usePaperContext()
  const name = createUniqueId()
  let group!: HTMLFieldSetElement
  const mine = () => {
    const me = context.view.memberId()
    return props.statuses.find((status) => status.memberId === me)?.status ?? 'none'
  }
  const namesWith = (status: ReadingStatus) =>
    props.statuses
      .filter((entry) => entry.status === status)
      .map((entry) => context.author(entry.memberId).name)
  const choose = (value: ReadingStatus | 'none') => {
    // setReadingStatus returns nothing: `true` tells success from a refusal.
    const done = context.view.actions.run((doc, actor) => {
      setReadingStatus(doc, actor, context.paperId(), value === 'none' ? null : value)
      return true
    })
    // Refused: the radio the member clicked must not look chosen.
    if (done === undefined) {
      for (const input of group.querySelectorAll('input')) input.checked = input.value === mine()
    }
  }
  return (
    <div class="reading-status">
      <Show when={context.view.canWrite}>
        <fieldset class="reading-status-field" ref={group}>
          <legend>My reading status</legend>
          <div class="segmented">
            <For each={OPTIONS}>
              {(option) => (
                <label>
                  <input
                    type="radio"
                    name={name}
                    value={option.value}
                    checked={mine() === option.value}
                    onChange={() => choose(option.value)}
                  />
                  <span>{option.label}</span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <p class="readers">
        <Show when={namesWith('read').length > 0} fallback={<span>Nobody has read it yet.</span>}>
          <span>Read by {joinNames(namesWith('read'))}.</span>
        </Show>
        <Show when={namesWith('reading').length > 0}>
          {' '}
          <span>Reading: {joinNames(namesWith('reading'))}.</span>
        </Show>
        <Show when={namesWith('to-read').length > 0}>
          {' '}
          <span>To read: {joinNames(namesWith('to-read'))}.</span>
        </Show>
      </p>
    </div>
  )
}
