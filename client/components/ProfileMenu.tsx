import { ProfileForm, type ProfileFields } from './ProfileForm'

/** The member's name in the header; opens to edit name and colour. */
export function ProfileMenu(props: {
  profile: ProfileFields
  onSave: (fields: ProfileFields) => void
}) {
  let details: HTMLDetailsElement | undefined
  return (
    <details class="profile-menu" ref={(element) => (details = element)}>
      <summary>
        <span
          class="avatar"
          style={{ 'background-color': props.profile.colour }}
          aria-hidden="true"
        />
        <span class="visually-hidden">Your profile: </span>
        {props.profile.name}
      </summary>
      <div class="menu-panel">
        <ProfileForm
          initial={props.profile}
          submitLabel="Save profile"
          onSave={(fields) => {
            props.onSave(fields)
            if (details) details.open = false
          }}
        />
      </div>
    </details>
  )
}
