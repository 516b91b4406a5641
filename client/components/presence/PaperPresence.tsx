import { For, Show, createMemo } from 'solid-js'
import { onlineMembers, type Peer } from '../../data/presence'
import { MemberFace } from './MemberFace'
import '../../styles/presence.css'

/** "Also here: Ada, Ben": the other members who have this paper open right now. */
export function PaperPresence(props: { peers: readonly Peer[]; paperId: string }) {
  const here = createMemo(() =>
    onlineMembers(props.peers.filter((peer) => peer.paperId === props.paperId)),
  )
  return (
    // Always in the page, so that screen readers hear who arrives.
    <p class="paper-presence" aria-live="polite">
      <Show when={here().length > 0}>
        <span class="paper-presence-label">Also here:</span>{' '}
        <For each={here()}>
          {(member, index) => (
            <>
              <span class="paper-presence-member">
                <MemberFace name={member.name} colour={member.colour} />
                {member.name}
              </span>
              {index() < here().length - 1 ? ', ' : ''}
            </>
          )}
        </For>
      </Show>
    </p>
  )
}
