import { For, Show } from 'solid-js'
import type { Member } from '../../../shared/model'
import { MemberFace } from '../presence/MemberFace'

const SHOWN = 5
const names = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' })

/**
 * Members as coloured initials after a caption ("Read by", "Voted by"); their names for screen
 * readers and in the tooltip. Nothing when there are none.
 */
export function MemberChips(props: { caption: string; members: readonly Member[] }) {
  const label = () => `${props.caption} ${names.format(props.members.map((member) => member.name))}`
  const hidden = () => props.members.length - SHOWN
  return (
    <Show when={props.members.length > 0}>
      <p class="member-chips" title={label()}>
        <span class="visually-hidden">{label()}</span>
        <span class="member-chips-caption" aria-hidden="true">
          {props.caption}
        </span>
        <For each={props.members.slice(0, SHOWN)}>
          {(member) => <MemberFace name={member.name} colour={member.colour} />}
        </For>
        <Show when={hidden() > 0}>
          <span class="member-more" aria-hidden="true">
            +{hidden()}
          </span>
        </Show>
      </p>
    </Show>
  )
}
