import { Show, createMemo, createSignal } from 'solid-js'
import { deviceLinkOf } from '../../data/device-link'
import { readJoinedGroups } from '../../data/group-list'
import type { LocalProfile } from '../../data/local-profile'
import { InviteLinkField } from '../groups/InviteLinkField'
import { LinkQrCode } from './LinkQrCode'

/** This member's device link, shown only once asked for: it lets whoever has it act as them. */
export function DeviceLinkOffer(props: { profile: LocalProfile }) {
  const [shown, setShown] = createSignal(false)
  const count = readJoinedGroups().length
  const groups = count === 1 ? 'your group' : `your ${count} groups`
  return (
    <section class="device-offer" aria-labelledby="device-offer-heading">
      <h1 id="device-offer-heading">Use Margins on another device</h1>
      <p>
        Open your device link on your phone or another computer: there you are {props.profile.name}{' '}
        in {count === 0 ? 'the groups you join later' : groups}, and your read marks and the page
        you were on in each PDF follow you from one device to the other.
      </p>
      <p class="invite-warning">
        Whoever has this link can act as you in all of your groups and see your read marks. Open it
        only on your own devices, and do not send it to anyone.
      </p>
      <Show
        when={shown()}
        fallback={
          <p>
            <button type="button" onClick={() => setShown(true)}>
              Show my device link
            </button>
          </p>
        }
      >
        <ShownLink profile={props.profile} />
      </Show>
      <p>
        <a href="#">Back to your groups</a>
      </p>
    </section>
  )
}

/** The link itself, made once it is asked for: as a QR code for a phone's camera, and as text. */
function ShownLink(props: { profile: LocalProfile }) {
  const link = createMemo(() => deviceLinkOf(location.origin, props.profile))
  return (
    <>
      <LinkQrCode link={link()} label="Your device link as a QR code" />
      <p class="device-qr-hint">Scan it with the other device’s camera, or copy the link.</p>
      <InviteLinkField label="Your device link" link={link()}>
        <p>It holds your name, colour and secret, and the keys of the groups you joined.</p>
      </InviteLinkField>
    </>
  )
}
