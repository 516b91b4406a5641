import { Show } from 'solid-js'
import { accessOf, inviteLink, readKeyOf } from '../../../shared/invite'
import { InviteLinkField } from './InviteLinkField'
import '../../styles/groups.css'

/**
 * The group's invite links that this device can give: with a write key both the member link and
 * the read-only link, with a read key only the read-only link.
 */
export function InvitePanel(props: { groupId: string; groupKey: string }) {
  const access = () => accessOf(props.groupId, props.groupKey)
  const readKey = () => (access() === 'write' ? readKeyOf(props.groupKey) : props.groupKey)
  const link = (key: string) => inviteLink(location.origin, props.groupId, key)

  return (
    <div class="invite-panel">
      <Show
        when={access() !== 'none'}
        fallback={<p class="error">This device holds no valid key for the group.</p>}
      >
        <Show when={access() === 'write'}>
          <InviteLinkField label="Member link" link={link(props.groupKey)}>
            <p>
              For members: whoever opens it can add papers, highlight, annotate, comment and vote,
              and can invite others.
            </p>
          </InviteLinkField>
        </Show>
        <InviteLinkField label="Read-only link" link={link(readKey())}>
          <p>
            For guests: whoever opens it can read the papers, annotations and discussions, but
            cannot add or change anything.
          </p>
        </InviteLinkField>
        <p class="invite-warning">
          Share the links only with people you trust: anyone who has a link gets its access, and a
          link cannot be taken back.
        </p>
      </Show>
    </div>
  )
}
