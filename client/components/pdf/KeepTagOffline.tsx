import { For, createSignal, createUniqueId } from 'solid-js'
import type { GroupView } from '../../data/create-group-view'
import { KeepAllOffline } from './KeepAllOffline'

/** Keeps the PDFs of every paper of one tag on this device ("everything tagged for the train"). */
export function KeepTagOffline(props: { view: GroupView; tags: readonly string[] }) {
  const headingId = createUniqueId()
  const selectId = createUniqueId()
  const [chosen, setChosen] = createSignal<string>()
  const tag = () => {
    const picked = chosen()
    return picked !== undefined && props.tags.includes(picked) ? picked : props.tags[0]
  }
  const paperIds = () => {
    const name = tag()
    return props.view.library.value
      .filter((entry) => name !== undefined && entry.tags.includes(name))
      .map((entry) => entry.paper.id)
  }

  return (
    <section class="keep-tag" aria-labelledby={headingId}>
      <h3 id={headingId}>Read offline</h3>
      <p>Keep the PDFs of a tag's papers on this device, to read them with no network.</p>
      <div class="keep-tag-row">
        <label for={selectId}>Tag</label>
        <select
          id={selectId}
          value={tag() ?? ''}
          onChange={(event) => setChosen(event.currentTarget.value)}
        >
          <For each={props.tags}>{(name) => <option value={name}>{name}</option>}</For>
        </select>
        <KeepAllOffline view={props.view} paperIds={paperIds} what={`“${tag() ?? ''}”`} />
      </div>
    </section>
  )
}
