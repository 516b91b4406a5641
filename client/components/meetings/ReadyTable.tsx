import { For, Index, Show, createMemo, createSignal, createUniqueId, onCleanup } from 'solid-js'
import { setReadingStatus, type ReadingStatus } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import { paperHref } from '../../app/route'
import {
  columnOrder,
  memberSummary,
  paperSummary,
  progressOf,
  readersOf,
  statusLabel,
  type ReadyPaper,
} from './readiness'
import { MemberDot } from './MemberDot'
import '../../styles/meetings.css'

const CHOICES: ReadonlyArray<{ value: ReadingStatus | ''; label: string }> = [
  { value: '', label: '— (not set)' },
  { value: 'to-read', label: 'To read' },
  { value: 'reading', label: 'Reading' },
  { value: 'read', label: 'Read' },
]

/**
 * "Ready for the meeting": each agenda paper against each member's reading status, in words,
 * with counts per paper and per member. The reader's own column comes first, highlighted, and a
 * writer sets their status there. The table scrolls inside its own box on a narrow screen.
 * Rows and columns are keyed by the store's papers and members, so that another member's change
 * re-renders one cell and never takes the focus from the reader's own choice.
 */
export function ReadyTable(props: { view: GroupView; papers: readonly ReadyPaper[] }) {
  const captionId = createUniqueId()
  const me = () => props.view.memberId()
  const columns = createMemo(() => columnOrder(props.view.members.value, me()))
  const isMe = (memberId: string) => memberId === me()
  const hintId = createUniqueId()
  const [overflowing, setOverflowing] = createSignal(false)
  // Whether the table is wider than its box, so that the hint to scroll shows only when needed.
  const watchWidth = (scroller: HTMLDivElement) => {
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() =>
      setOverflowing(scroller.scrollWidth > scroller.clientWidth + 1),
    )
    observer.observe(scroller)
    const table = scroller.querySelector('table')
    if (table) observer.observe(table)
    onCleanup(() => observer.disconnect())
  }

  const choose = (paperId: string, select: HTMLSelectElement, current: string) => {
    const value = select.value as ReadingStatus | ''
    // setReadingStatus returns nothing: `true` tells success from a refusal.
    const done = props.view.actions.run((doc, actor) => {
      setReadingStatus(doc, actor, paperId, value === '' ? null : value)
      return true
    })
    if (done === undefined) select.value = current
  }

  return (
    <Show
      when={props.papers.length > 0}
      fallback={<p class="empty">Nothing on the agenda yet, so nothing to read.</p>}
    >
      <div
        class="ready-scroll"
        role="region"
        aria-labelledby={captionId}
        aria-describedby={overflowing() ? hintId : undefined}
        tabIndex={0}
        ref={watchWidth}
      >
        <table class="ready-table">
          <caption id={captionId}>
            <span>Who has read the agenda papers</span>
          </caption>
          <thead>
            <tr>
              <th scope="col" class="ready-paper">
                Paper
              </th>
              <For each={columns()}>
                {(member) => (
                  <th scope="col" classList={{ mine: isMe(member.id) }}>
                    <span class="ready-member">
                      <MemberDot colour={member.colour} />
                      <span>
                        {member.name}
                        {isMe(member.id) ? ' (you)' : ''}
                      </span>
                    </span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={props.papers}>
              {(paper) => (
                <tr>
                  <th scope="row" class="ready-paper">
                    <a href={paperHref(props.view.groupId, paper.id)} title={paper.paper.title}>
                      {paper.paper.title}
                    </a>
                    <span class="ready-count">
                      {paperSummary(readersOf(paper, columns()), columns().length)}
                    </span>
                  </th>
                  <Index each={columns()}>
                    {(member) => {
                      const status = () => paper.status[member().id]
                      const mine = () => isMe(member().id)
                      return (
                        <td class={`status-${status() ?? 'none'}${mine() ? ' mine' : ''}`}>
                          <Show
                            when={mine() && props.view.canWrite}
                            fallback={statusLabel(status())}
                          >
                            <select
                              class="ready-select"
                              aria-label={`My reading status for ${paper.paper.title}`}
                              onChange={(event) =>
                                choose(paper.id, event.currentTarget, status() ?? '')
                              }
                            >
                              <For each={CHOICES}>
                                {(choice) => (
                                  <option
                                    value={choice.value}
                                    selected={choice.value === (status() ?? '')}
                                  >
                                    {choice.label}
                                  </option>
                                )}
                              </For>
                            </select>
                          </Show>
                        </td>
                      )
                    }}
                  </Index>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={overflowing()}>
        <p id={hintId} class="ready-scroll-hint">
          The table is wider than the screen: scroll it sideways to see every member.
        </p>
      </Show>
      <ul class="ready-members" aria-label="Reading by member">
        <For each={columns()}>
          {(member) => (
            <li classList={{ mine: isMe(member.id) }}>
              <MemberDot colour={member.colour} />
              {memberSummary(
                member.name,
                progressOf(props.papers, member.id),
                props.papers.length,
                isMe(member.id),
              )}
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
