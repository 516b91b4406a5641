import { For, Show } from 'solid-js'

/** What the list of the member's groups shows of each. */
export interface GroupSummary {
  groupId: string
  name: string
  readOnly: boolean
}

/** The groups joined on this device. */
export function GroupList(props: { groups: readonly GroupSummary[] }) {
  return (
    <ul class="group-list">
      <For each={props.groups}>
        {(group) => (
          <li>
            <a href={`#g/${group.groupId}`}>{group.name || 'Unnamed group'}</a>
            <Show when={group.readOnly}>
              <span class="badge">Read-only</span>
            </Show>
          </li>
        )}
      </For>
    </ul>
  )
}
