import { For, Show, createSignal, createUniqueId } from 'solid-js'
import { LIMITS, ValidationError } from '../../shared/model'
import { text } from '../../shared/model/validate'
import '../styles/groups.css'

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

/** A display name and colour, as the group sees them. */
export interface ProfileFields {
  name: string
  colour: string
}

/** The name as the group model will store it, or a message saying what is wrong with it. */
function checkName(value: string): { name: string } | { problem: string } {
  try {
    return { name: text('name', value, { max: LIMITS.memberName }) }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    if (value.trim() === '') return { problem: 'Please enter a name.' }
    return {
      problem: `Please use up to ${LIMITS.memberName} ordinary characters (no control characters).`,
    }
  }
}

/** The member's display name and colour: the first-run form, and the editor later. */
export function ProfileForm(props: {
  initial: ProfileFields | undefined
  submitLabel: string
  onSave: (fields: ProfileFields) => void
}) {
  const nameId = createUniqueId()
  const errorId = createUniqueId()
  const [problem, setProblem] = createSignal<string>()
  const fallbackColour = COLOURS[Math.floor(Math.random() * COLOURS.length)]?.value ?? '#1f77b4'
  const initialColour = () =>
    COLOURS.find((colour) => colour.value === props.initial?.colour)?.value ?? fallbackColour

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const checked = checkName(String(data.get('name') ?? ''))
    if ('problem' in checked) {
      setProblem(checked.problem)
      ;(form.elements.namedItem('name') as HTMLInputElement).focus()
      return
    }
    setProblem(undefined)
    props.onSave({ name: checked.name, colour: String(data.get('colour') ?? initialColour()) })
  }

  return (
    <form class="profile-form" onSubmit={submit} novalidate>
      <div class="field">
        <label for={nameId}>Your name</label>
        <input
          id={nameId}
          name="name"
          type="text"
          required
          maxLength={LIMITS.memberName}
          autocomplete="nickname"
          value={props.initial?.name ?? ''}
          aria-invalid={problem() ? 'true' : undefined}
          aria-describedby={problem() ? errorId : undefined}
          onInput={() => setProblem(undefined)}
        />
        <Show when={problem()}>
          <p id={errorId} class="field-error" role="alert">
            {problem()}
          </p>
        </Show>
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
