import { For, createUniqueId } from 'solid-js'

/** Colours that keep text and focus rings readable on the light background. */
const COLOURS = [
  { name: 'Blue', value: '#1f77b4' },
  { name: 'Orange', value: '#c05600' },
  { name: 'Green', value: '#1b7f5f' },
  { name: 'Red', value: '#c62828' },
  { name: 'Purple', value: '#6a4fb3' },
  { name: 'Pink', value: '#c2185b' },
  { name: 'Olive', value: '#5a7d1a' },
  { name: 'Brown', value: '#8d6e3f' },
] as const

const NAME_MAX = 60

/** A display name and colour, as the group sees them. */
export interface ProfileFields {
  name: string
  colour: string
}

/** The member's display name and colour: the first-run form, and the editor later. */
export function ProfileForm(props: {
  initial: ProfileFields | undefined
  submitLabel: string
  onSave: (fields: ProfileFields) => void
}) {
  const nameId = createUniqueId()
  const fallbackColour = COLOURS[Math.floor(Math.random() * COLOURS.length)]?.value ?? '#1f77b4'
  const initialColour = () =>
    COLOURS.find((colour) => colour.value === props.initial?.colour)?.value ?? fallbackColour

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const nameInput = form.elements.namedItem('name') as HTMLInputElement
    const name = String(data.get('name') ?? '').trim()
    if (!name) {
      nameInput.setCustomValidity('Please enter a name.')
      nameInput.reportValidity()
      return
    }
    props.onSave({ name, colour: String(data.get('colour') ?? initialColour()) })
  }

  return (
    <form class="profile-form" onSubmit={submit}>
      <div class="field">
        <label for={nameId}>Your name</label>
        <input
          id={nameId}
          name="name"
          type="text"
          required
          maxLength={NAME_MAX}
          autocomplete="nickname"
          value={props.initial?.name ?? ''}
          onInput={(event) => event.currentTarget.setCustomValidity('')}
        />
      </div>
      <fieldset class="field">
        <legend>Your colour</legend>
        <div class="swatches">
          <For each={COLOURS}>
            {(colour) => (
              <label class="swatch">
                <input
                  type="radio"
                  name="colour"
                  value={colour.value}
                  checked={colour.value === initialColour()}
                />
                <span
                  class="swatch-chip"
                  style={{ 'background-color': colour.value }}
                  aria-hidden="true"
                />
                {colour.name}
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <button type="submit">{props.submitLabel}</button>
    </form>
  )
}
