import { For, Show } from 'solid-js'
import type { AgendaItem } from '../../../shared/model'
import type { MeetingLookups } from '../../data/meetings'
import { paperHref } from '../../app/route'
import { MemberDot } from './MemberDot'

/** A meeting's agenda as the list of meetings shows it: each paper, linked, with its presenter. */
export function AgendaSummary(props: {
  groupId: string
  agenda: readonly AgendaItem[]
  lookups: MeetingLookups
}) {
  const presenter = (item: AgendaItem) =>
    item.presenter === undefined ? undefined : props.lookups.member(item.presenter)
  return (
    <Show when={props.agenda.length > 0} fallback={<p class="empty">Nothing on the agenda yet.</p>}>
      <ol class="agenda-summary">
        <For each={props.agenda}>
          {(item) => (
            <li>
              <Show
                when={props.lookups.paper(item.paperId)}
                fallback={<span class="empty">A paper not on this device yet</span>}
              >
                {(paper) => (
                  <a href={paperHref(props.groupId, item.paperId)}>{paper().paper.title}</a>
                )}
              </Show>{' '}
              <span class="agenda-presenter">
                <Show when={presenter(item)} fallback="No presenter yet">
                  {(member) => (
                    <>
                      <MemberDot colour={member().colour} />
                      Presented by {member().name}
                    </>
                  )}
                </Show>
              </span>
            </li>
          )}
        </For>
      </ol>
    </Show>
  )
}
