import { Match, Show, Switch, createMemo, onMount } from 'solid-js'
import type { LocalProfile } from '../data/local-profile'
import { parseDeviceLink } from '../data/device-link'
import { PlainHeader } from '../components/PlainHeader'
import { DeviceLinkOffer } from '../components/device/DeviceLinkOffer'
import { DeviceLinkAdopt } from '../components/device/DeviceLinkAdopt'
import '../styles/device.css'

/**
 * Moving to another device: `#device` shows this member's device link, `#device/<data>` is such
 * a link opened on the other device, which asks before it becomes that member.
 */
export function DevicePage(props: {
  /** The link's data when one was opened; undefined to show this device's own link. */
  data: string | undefined
  profile: LocalProfile | undefined
  onAdopted: (profile: LocalProfile) => void
}) {
  const link = createMemo(() =>
    props.data === undefined ? undefined : parseDeviceLink(props.data),
  )
  onMount(() => {
    document.title = 'Another device · Margins'
  })
  return (
    <>
      <PlainHeader />
      <main class="device-page">
        <Switch>
          <Match when={props.data === undefined}>
            <Show
              when={props.profile}
              fallback={
                <>
                  <h1>Use Margins on another device</h1>
                  <p>
                    This device has no profile yet. <a href="#">Choose your name first</a>, then
                    come back here.
                  </p>
                </>
              }
            >
              {(profile) => <DeviceLinkOffer profile={profile()} />}
            </Show>
          </Match>
          <Match when={link()}>
            {(opened) => (
              <DeviceLinkAdopt
                link={opened()}
                current={props.profile}
                onAdopted={props.onAdopted}
              />
            )}
          </Match>
          <Match when={true}>
            <h1>This device link is not valid</h1>
            <p>
              Check that the whole link was copied, or make a new one on your other device (its name
              in the header, then “Use on another device”).
            </p>
            <p>
              <a href="#">Go to your groups</a>
            </p>
          </Match>
        </Switch>
      </main>
    </>
  )
}
