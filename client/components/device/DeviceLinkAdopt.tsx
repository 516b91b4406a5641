import { For, Show, createSignal, onMount } from 'solid-js'
import { adoptDeviceLink, type DeviceLink } from '../../data/device-link'
import type { LocalProfile } from '../../data/local-profile'
import { replaceHash } from '../../app/route'

/** A device link opened here: who it makes this device, which groups it adds, and a choice. */
export function DeviceLinkAdopt(props: {
  link: DeviceLink
  current: LocalProfile | undefined
  onAdopted: (profile: LocalProfile) => void
}) {
  const [problem, setProblem] = createSignal('')
  let heading: HTMLHeadingElement | undefined
  onMount(() => heading?.focus())
  const member = () => props.link.member
  const other = () =>
    props.current && props.current.memberId !== member().memberId ? props.current : undefined
  const adopt = () => {
    try {
      props.onAdopted(adoptDeviceLink(props.link))
    } catch {
      setProblem(
        'This browser does not let Margins keep anything (storage is blocked), so it cannot be ' +
          'you here. Allow site data for this site, then open the link again.',
      )
    }
  }
  return (
    <section class="device-adopt" aria-labelledby="device-adopt-heading">
      <h1 id="device-adopt-heading" tabIndex={-1} ref={(element) => (heading = element)}>
        <span class="avatar" style={{ 'background-color': member().colour }} aria-hidden="true" />{' '}
        Use this device as {member().name}?
      </h1>
      <Show
        when={props.current?.memberId === member().memberId}
        fallback={
          <p>
            This device becomes {member().name}: what you write here shows under that name, and your
            read marks and the page you were on in each PDF follow you here.
          </p>
        }
      >
        <p>This device is already {member().name}. The link adds the groups it does not have.</p>
      </Show>
      <Show when={other()}>
        {(before) => (
          <p class="device-adopt-warning">
            This device is {before().name} now. What {before().name} wrote stays theirs; from now on
            this device writes as {member().name}.
          </p>
        )}
      </Show>
      <Show
        when={props.link.groups.length > 0}
        fallback={<p>The link has no groups: join them later with their invite links.</p>}
      >
        <p>Groups on this device afterwards:</p>
        <ul class="device-adopt-groups">
          <For each={props.link.groups}>{(group) => <li>{group.name || 'Unnamed group'}</li>}</For>
        </ul>
      </Show>
      <div class="device-adopt-actions">
        <button type="button" onClick={adopt}>
          Use this device as {member().name}
        </button>
        {/* Replaced, not followed: the link in the history holds the member's secret. */}
        <button type="button" class="secondary" onClick={() => replaceHash('#')}>
          Cancel
        </button>
      </div>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
    </section>
  )
}
