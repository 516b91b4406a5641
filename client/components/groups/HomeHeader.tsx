import { Show } from 'solid-js'
import type { LocalProfile } from '../../data/local-profile'
import type { ProfileFields } from '../ProfileForm'
import { ProfileMenu } from '../ProfileMenu'

/** The header of the pages outside a group: the way home, and the member's profile once set. */
export function HomeHeader(props: {
  profile: LocalProfile | undefined
  onSaveProfile: (fields: ProfileFields) => void
}) {
  return (
    <header class="app-header">
      <a class="home-link" href="#">
        Margins
      </a>
      <div class="header-tools">
        <Show when={props.profile}>
          {(profile) => <ProfileMenu profile={profile()} onSave={props.onSaveProfile} />}
        </Show>
      </div>
    </header>
  )
}
