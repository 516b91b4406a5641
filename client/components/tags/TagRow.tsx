import { Show, createSignal } from 'solid-js'
import type { GroupActions } from '../../data/group-actions'
import { formatCount } from '../../format/count'
import { RenameTagForm, type RenameResult } from './RenameTagForm'

/** One tag of the group: a link to the papers that carry it, and renaming for writers. */
export function TagRow(props: {
  tag: string
  count: number
  href: string
  onShow: () => void
  names: readonly string[]
  listId: string
  /** Undefined for a read-only link: no rename controls. */
  actions: GroupActions | undefined
  onRenamed: (result: RenameResult) => void
}) {
  const [renaming, setRenaming] = createSignal(false)
  let toggle: HTMLButtonElement | undefined
  const close = () => {
    setRenaming(false)
    toggle?.focus()
  }

  return (
    <li class="tag-row">
      <div class="tag-row-main">
        <a class="tag" href={props.href} onClick={() => props.onShow()}>
          {props.tag}
        </a>
        <span class="tag-count">{formatCount(props.count, 'paper', 'papers')}</span>
        <Show when={props.actions}>
          <button
            ref={toggle}
            type="button"
            class="link-button"
            aria-expanded={renaming()}
            aria-label={`Rename or merge “${props.tag}”`}
            onClick={() => setRenaming((open) => !open)}
          >
            Rename or merge
          </button>
        </Show>
      </div>
      <Show when={props.actions && renaming() ? props.actions : undefined}>
        {(actions) => (
          <RenameTagForm
            tag={props.tag}
            names={props.names}
            listId={props.listId}
            actions={actions()}
            onDone={props.onRenamed}
            onCancel={close}
          />
        )}
      </Show>
    </li>
  )
}
