import { ProfileForm, type ProfileFields } from './ProfileForm'

/** The member's name in the header; opens to edit name and colour. */
export function ProfileMenu(props: {
  profile: ProfileFields
  onSave: (fields: ProfileFields) => void
}) {
  let details: HTMLDetailsElement | undefined
  const close = () => {
    if (!details?.open) return
    details.open = false
    details.querySelector('summary')?.focus()
  }
  return (
    <details
      class="profile-menu"
      ref={(element) => (details = element)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close()
      }}
    >
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
            close()
          }}
        />
        <p class="profile-device">
          <a href="#device" onClick={close}>
            Use on another device
          </a>
        </p>
      </div>
    </details>
  )
}
