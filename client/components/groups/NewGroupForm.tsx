import { Show, createSignal, createUniqueId } from 'solid-js'
import { LIMITS, ValidationError } from '../../../shared/model'
import { createGroupOnDevice, type CreatedGroup } from '../../data/create-group'
import type { LocalProfile } from '../../data/local-profile'

type Field = 'name' | 'description' | 'profile'

function problemOf(field: Field, value: string): string {
  if (field === 'profile')
    return 'Your name cannot be used in a group: please change it under your profile, at the top.'
  if (field === 'name' && value.trim() === '') return 'Please give the group a name.'
  const max = field === 'name' ? LIMITS.groupName : LIMITS.groupDescription
  const label = field === 'name' ? 'name' : 'description'
  return `Please keep the ${label} to ${max.toLocaleString()} characters, without control characters.`
}

/** The name and description of a new group; creating it makes the group on this device. */
export function NewGroupForm(props: {
  profile: LocalProfile
  onCreated: (group: CreatedGroup) => void
}) {
  const nameId = createUniqueId()
  const descriptionId = createUniqueId()
  const [problem, setProblem] = createSignal<{ field: Field; message: string }>()
  const problemId = (field: Field) => `${nameId}-${field}-problem`
  const describedBy = (field: Field, hint?: string) =>
    [problem()?.field === field ? problemId(field) : undefined, hint].filter(Boolean).join(' ') ||
    undefined

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const input = {
      name: String(data.get('name') ?? ''),
      description: String(data.get('description') ?? ''),
    }
    try {
      props.onCreated(createGroupOnDevice(input, props.profile))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const field: Field = error.field?.startsWith('creator')
        ? 'profile'
        : error.field === 'description'
          ? 'description'
          : 'name'
      setProblem({ field, message: problemOf(field, field === 'profile' ? '' : input[field]) })
      if (field !== 'profile') (form.elements.namedItem(field) as HTMLElement).focus()
    }
  }

  const fieldProblem = (field: Field) => (
    <Show when={problem()?.field === field}>
      <p id={problemId(field)} class="field-error" role="alert">
        {problem()?.message}
      </p>
    </Show>
  )

  return (
    <form class="new-group-form" onSubmit={submit} novalidate>
      <div class="field">
        <label for={nameId}>Name</label>
        <input
          id={nameId}
          name="name"
          type="text"
          required
          maxLength={LIMITS.groupName}
          autocomplete="off"
          aria-invalid={problem()?.field === 'name' ? 'true' : undefined}
          aria-describedby={describedBy('name')}
          onInput={() => setProblem(undefined)}
        />
        {fieldProblem('name')}
      </div>
      <div class="field">
        <label for={descriptionId}>
          Description <span class="optional">(optional)</span>
        </label>
        <textarea
          id={descriptionId}
          name="description"
          rows={3}
          maxLength={LIMITS.groupDescription}
          aria-invalid={problem()?.field === 'description' ? 'true' : undefined}
          aria-describedby={describedBy('description', `${descriptionId}-hint`)}
          onInput={() => setProblem(undefined)}
        />
        <p id={`${descriptionId}-hint`} class="field-hint">
          What the group reads, and when it meets. Members see it in the group.
        </p>
        {fieldProblem('description')}
      </div>
      {fieldProblem('profile')}
      <div class="form-actions">
        <button type="submit">Create group</button>
        <a href="#">Cancel</a>
      </div>
    </form>
  )
}
