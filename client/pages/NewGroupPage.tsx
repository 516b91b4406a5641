import type { LocalProfile } from '../data/local-profile'
import type { ProfileFields } from '../components/ProfileForm'
import { Notice } from '../components/Notice'

/** Creates a group on this device and shows its invite links. */
export function NewGroupPage(props: {
  profile: LocalProfile | undefined
  onSaveProfile: (fields: ProfileFields) => void
}) {
  return <Notice title="New group">{props.profile ? null : null}</Notice>
}
