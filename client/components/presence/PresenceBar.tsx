import { For, Show, createMemo, createUniqueId, onCleanup } from 'solid-js'
import { onlineMembers, type OnlineMember, type Peer } from '../../data/presence'
import { formatCount } from '../../format/count'
import { MemberFace } from './MemberFace'
import '../../styles/presence.css'

/** Members named in the bar at desktop width; the rest are counted. */
const SHOWN = 3

const names = new Intl.ListFormat(undefined, { type: 'conjunction' })

/**
 * Who else is in the group right now: faces and names at desktop width, "3 online" on a phone,
 * either opening the full list with the paper each member has open.
 */
export function PresenceBar(props: {
  peers: readonly Peer[]
  /** The title of a paper by id, when the page can tell it. */
  paperTitle?: (paperId: string) => string | undefined
}) {
  const panelId = createUniqueId()
  const members = createMemo(() => onlineMembers(props.peers))
  const label = () =>
    `${formatCount(members().length, 'other member', 'other members')} online: ${names.format(
      members().map((member) => member.name),
    )}`
  let details: HTMLDetailsElement | undefined

  const close = (focusSummary: boolean) => {
    if (!details?.open) return
    details.open = false
    if (focusSummary) details.querySelector('summary')?.focus()
  }
  const onPointerDown = (event: PointerEvent) => {
    if (details && !details.contains(event.target as Node)) close(false)
  }
  document.addEventListener('pointerdown', onPointerDown)
  onCleanup(() => document.removeEventListener('pointerdown', onPointerDown))

  const where = (member: OnlineMember) => {
    if (member.paperIds.length === 0) return 'In the library'
    const titles = member.paperIds.map((id) => props.paperTitle?.(id))
    if (titles.some((title) => !title)) {
      return member.paperIds.length === 1 ? 'Reading a paper' : 'Reading papers'
    }
    return `Reading ${names.format(titles.map((title) => `“${title}”`))}`
  }

  return (
    <Show when={members().length > 0}>
      <details
        class="presence-bar"
        ref={(element) => (details = element)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') close(true)
        }}
      >
        <summary aria-label={label()} aria-controls={panelId}>
          <span class="presence-chips" aria-hidden="true">
            <For each={members().slice(0, SHOWN)}>
              {(member) => (
                <span class="presence-chip">
                  <MemberFace name={member.name} colour={member.colour} />
                  <span class="presence-chip-name">{member.name}</span>
                </span>
              )}
            </For>
            <Show when={members().length > SHOWN}>
              <span class="presence-more">+{members().length - SHOWN}</span>
            </Show>
          </span>
          <span class="presence-count" aria-hidden="true">
            {formatCount(members().length, 'online', 'online')}
          </span>
        </summary>
        <div class="presence-panel" id={panelId}>
          <h2 class="presence-heading">Online now</h2>
          <ul class="presence-list">
            <For each={members()}>
              {(member) => (
                <li>
                  <MemberFace name={member.name} colour={member.colour} />
                  <span class="presence-member">
                    <span class="presence-name">{member.name}</span>
                    <span class="presence-where">
                      {where(member)}
                      <Show when={member.devices > 1}> · {member.devices} devices</Show>
                    </span>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </div>
      </details>
    </Show>
  )
}
