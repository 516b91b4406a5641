import { For, Show } from 'solid-js'
import type { GroupSummary } from '../data/group-summaries'
import { groupHref } from '../app/route'
import { formatCount } from '../format/count'
import '../styles/groups.css'

/** The groups joined on this device, with what is new in each. */
export function GroupList(props: { groups: readonly GroupSummary[] }) {
  return (
    <ul class="group-list">
      <For each={props.groups}>
        {(group) => (
          <li>
            <a class="group-row" href={groupHref(group.groupId)}>
              <span class="group-row-name">{group.name || 'Unnamed group'}</span>
              <span class="group-row-facts">
                <Show when={group.readOnly}>
                  <span class="badge" title="Your link lets you read this group but not change it">
                    Read-only
                  </span>
                </Show>
                <Show when={group.papers !== undefined}>
                  <span class="group-row-papers">
                    {formatCount(group.papers ?? 0, 'paper', 'papers')}
                  </span>
                </Show>
                <Show when={group.unread !== undefined}>
                  <span class="unread-count" data-unread={group.unread ? 'some' : 'none'}>
                    {group.unread ? formatCount(group.unread, 'unread', 'unread') : 'All read'}
                  </span>
                </Show>
              </span>
            </a>
          </li>
        )}
      </For>
    </ul>
  )
}
