import { For, Show, createEffect, createMemo, createUniqueId } from 'solid-js'
import { addToAgenda, removeFromAgenda, setPresenter } from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import type { MeetingLookups, PlacedAgendaEntry } from '../../data/meetings'
import { paperHref } from '../../app/route'
import { formatAuthors } from '../../format/authors'
import type { Undoable } from '../UndoToast'
import { MemberDot } from './MemberDot'

/**
 * The meeting's agenda in order: each paper, linked, with who presents it. When `editable` (a
 * writer, and the meeting not deleted), the presenter is chosen here (any member) and papers are
 * taken off, with an undo that puts the paper back in its place with its presenter.
 */
export function AgendaList(props: {
  view: GroupView
  meetingId: string
  agenda: readonly PlacedAgendaEntry[]
  editable: boolean
  lookups: MeetingLookups
  onRemoved: (offer: Undoable) => void
}) {
  const members = createMemo(() =>
    [...props.view.members.value].sort((a, b) => a.name.localeCompare(b.name)),
  )
  const title = (paperId: string) =>
    props.lookups.paper(paperId)?.paper.title ?? 'A paper not on this device yet'

  const choose = (item: PlacedAgendaEntry, select: HTMLSelectElement) => {
    const presenter = select.value === '' ? null : select.value
    const meetingId = props.meetingId
    const done = props.view.actions.run((doc, actor) => {
      setPresenter(doc, actor, meetingId, item.paperId, presenter)
      return true
    })
    if (done === undefined) select.value = item.presenter ?? ''
  }

  const remove = (item: PlacedAgendaEntry) => {
    const { paperId, presenter, addedAt } = item
    const meetingId = props.meetingId
    const name = title(paperId)
    const removed = props.view.actions.run((doc, actor) =>
      removeFromAgenda(doc, actor, meetingId, paperId),
    )
    if (!removed) return
    props.onRemoved({
      message: `“${name}” taken off the agenda.`,
      undo: () =>
        props.view.actions.run((doc, actor) => {
          addToAgenda(doc, actor, meetingId, paperId, addedAt)
          if (presenter !== undefined) setPresenter(doc, actor, meetingId, paperId, presenter)
        }),
    })
  }

  return (
    <Show when={props.agenda.length > 0} fallback={<p class="empty">Nothing on the agenda yet.</p>}>
      <ol class="agenda">
        <For each={props.agenda}>
          {(item) => {
            const field = createUniqueId()
            const presenter = () =>
              item.presenter === undefined ? undefined : props.lookups.member(item.presenter)
            const paper = () => props.lookups.paper(item.paperId)
            return (
              <li class="agenda-item">
                <div class="agenda-paper">
                  <Show when={paper()} fallback={<span class="empty">{title(item.paperId)}</span>}>
                    {(found) => (
                      <>
                        <a href={paperHref(props.view.groupId, item.paperId)}>
                          {found().paper.title}
                        </a>
                        <span class="agenda-authors">{formatAuthors(found().paper.authors)}</span>
                      </>
                    )}
                  </Show>
                </div>
                <div class="agenda-controls">
                  <Show
                    when={props.editable}
                    fallback={
                      <span class="agenda-presenter">
                        <Show when={presenter()} fallback="No presenter yet">
                          {(member) => (
                            <>
                              <MemberDot colour={member().colour} />
                              Presented by {member().name}
                            </>
                          )}
                        </Show>
                      </span>
                    }
                  >
                    <label class="agenda-presenter-field" for={field}>
                      <span>
                        Presenter<span class="visually-hidden"> of {title(item.paperId)}</span>
                      </span>
                      <Show when={presenter()}>
                        {(member) => <MemberDot colour={member().colour} />}
                      </Show>
                    </label>
                    {/* Each option says whether it is chosen, and the select's value is set again
                        once they exist: a value set before its options would be lost, and an
                        option chosen before it is in a select is not always kept (happy-dom). */}
                    <select
                      id={field}
                      ref={(select) =>
                        createEffect(() => {
                          members()
                          select.value = item.presenter ?? ''
                        })
                      }
                      onChange={(event) => choose(item, event.currentTarget)}
                    >
                      <option value="" selected={item.presenter === undefined}>
                        No presenter yet
                      </option>
                      <For each={members()}>
                        {(member) => (
                          <option value={member.id} selected={member.id === item.presenter}>
                            {member.name}
                          </option>
                        )}
                      </For>
                    </select>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Remove “${title(item.paperId)}” from the agenda`}
                      onClick={() => remove(item)}
                    >
                      Remove
                    </button>
                  </Show>
                </div>
              </li>
            )
          }}
        </For>
      </ol>
    </Show>
  )
}
