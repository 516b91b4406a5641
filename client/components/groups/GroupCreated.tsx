import { onMount } from 'solid-js'
import type { CreatedGroup } from '../../data/create-group'
import { groupHref } from '../../app/route'
import { InvitePanel } from './InvitePanel'

/** A group just created: its invite links, then the way in. */
export function GroupCreated(props: { group: CreatedGroup }) {
  let heading: HTMLHeadingElement | undefined
  // The form that was focused has gone: tell screen readers where they are.
  onMount(() => heading?.focus())
  return (
    <section class="group-created" aria-labelledby="group-created-heading">
      <h1 id="group-created-heading" tabIndex={-1} ref={(element) => (heading = element)}>
        “{props.group.settings.name}” is ready
      </h1>
      <p>
        The group is saved on this device, and reaches the server whenever you are online. Invite
        people by sending them one of these links.
      </p>
      <InvitePanel groupId={props.group.keys.groupId} groupKey={props.group.keys.writeKey} />
      <p>
        <a class="button-link" href={groupHref(props.group.keys.groupId)}>
          Open the group
        </a>
      </p>
    </section>
  )
}
