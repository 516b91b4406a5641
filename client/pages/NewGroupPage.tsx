import { Show, createSignal, onCleanup, onMount } from 'solid-js'
import type { LocalProfile } from '../data/local-profile'
import type { CreatedGroup } from '../data/create-group'
import type { ProfileFields } from '../components/ProfileForm'
import { HomeHeader } from '../components/groups/HomeHeader'
import { FirstRun } from '../components/groups/FirstRun'
import { NewGroupForm } from '../components/groups/NewGroupForm'
import { GroupCreated } from '../components/groups/GroupCreated'
import '../styles/groups.css'

/** Creates a group on this device and shows its invite links. */
export function NewGroupPage(props: {
  profile: LocalProfile | undefined
  onSaveProfile: (fields: ProfileFields) => void
}) {
  const [created, setCreated] = createSignal<CreatedGroup>()
  // Holding the new group open while its links show lets it reach the server meanwhile.
  onCleanup(() => created()?.release())
  let main: HTMLElement | undefined
  // The profile form gives way to the group's: carry the focus over to it.
  const saveProfile = (fields: ProfileFields) => {
    props.onSaveProfile(fields)
    main?.querySelector<HTMLInputElement>('.new-group-form input')?.focus()
  }
  onMount(() => {
    document.title = 'New group · Margins'
  })

  return (
    <>
      <HomeHeader profile={props.profile} onSaveProfile={props.onSaveProfile} />
      <main class="new-group" ref={(element) => (main = element)}>
        <Show
          when={created()}
          fallback={
            <>
              <h1>New group</h1>
              <Show
                when={props.profile}
                fallback={
                  <FirstRun
                    intro="First, the name and colour the group will see next to your papers, votes and notes."
                    submitLabel="Continue"
                    onSave={saveProfile}
                  />
                }
              >
                {(profile) => <NewGroupForm profile={profile()} onCreated={setCreated} />}
              </Show>
            </>
          }
        >
          {(group) => <GroupCreated group={group()} />}
        </Show>
      </main>
    </>
  )
}
