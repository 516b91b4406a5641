import { ProfileForm, type ProfileFields } from '../ProfileForm'

/** Asks a new member for the name and colour their groups will see. */
export function FirstRun(props: {
  intro: string
  submitLabel: string
  onSave: (fields: ProfileFields) => void
}) {
  return (
    <section class="first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">Who are you?</h2>
      <p>{props.intro}</p>
      <ProfileForm initial={undefined} submitLabel={props.submitLabel} onSave={props.onSave} />
    </section>
  )
}
