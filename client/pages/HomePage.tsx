import { Show, createSignal, onMount } from 'solid-js'
import { createJoinedGroups } from '../data/group-list'
import { createGroupSummaries } from '../data/group-summaries'
import { finishLeaving } from '../data/leave-group'
import { readLocalProfile, saveLocalProfile, type LocalProfile } from '../data/local-profile'
import type { ProfileFields } from '../components/ProfileForm'
import { GroupList } from '../components/GroupList'
import { Welcome } from '../components/Welcome'
import { HomeHeader } from '../components/groups/HomeHeader'
import { FirstRun } from '../components/groups/FirstRun'
import '../styles/groups.css'

/**
 * The groups joined on this device with their unread papers, or a welcome when there are none;
 * asks for the member's name and colour on the first visit. Without `onSaveProfile` the page
 * keeps the profile itself.
 */
export function HomePage(props: {
  profile?: LocalProfile | undefined
  onSaveProfile?: (fields: ProfileFields) => void
}) {
  const [ownProfile, setOwnProfile] = createSignal(readLocalProfile())
  const profile = () => (props.onSaveProfile ? props.profile : ownProfile())
  const groups = createJoinedGroups()
  const summaries = createGroupSummaries(groups, profile)
  let main: HTMLElement | undefined

  const saveProfile = (fields: ProfileFields) => {
    if (props.onSaveProfile) props.onSaveProfile(fields)
    else setOwnProfile(saveLocalProfile(fields))
  }
  // The form goes away once saved: keep keyboard and screen-reader users in place.
  const saveFirstProfile = (fields: ProfileFields) => {
    saveProfile(fields)
    main?.focus({ preventScroll: true })
  }

  onMount(() => {
    document.title = 'Margins'
    // A deletion interrupted by a closed tab: the next visit completes it.
    finishLeaving().catch(() => undefined)
  })

  const firstRun = () => (
    <Show when={!profile()}>
      <FirstRun
        intro="Choose the name and colour your groups will see next to your papers, votes and notes. You can change them later."
        submitLabel="Save"
        onSave={saveFirstProfile}
      />
    </Show>
  )

  return (
    <>
      <HomeHeader profile={profile()} onSaveProfile={saveProfile} />
      <main class="home" tabIndex={-1} ref={(element) => (main = element)}>
        <Show when={groups().length > 0} fallback={<Welcome>{firstRun()}</Welcome>}>
          {firstRun()}
          <section aria-labelledby="groups-heading">
            <div class="section-heading">
              <h1 id="groups-heading">Your groups</h1>
              <a class="button-link" href="#new">
                New group
              </a>
            </div>
            <GroupList groups={summaries()} />
          </section>
        </Show>
      </main>
    </>
  )
}
