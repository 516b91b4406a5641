import { createMemo, createSignal, createUniqueId } from 'solid-js'
import type { TextPositionSelector } from '../../../shared/model'
import { findPassages } from './find-passages'

/**
 * Finds a passage of the abstract by its words, for members who cannot select text with a
 * mouse or a finger: Enter shows the next match. `onFind` selects it, or says why it cannot.
 */
export function FindPassage(props: {
  text: string
  onFind: (passage: TextPositionSelector) => string | undefined
  ref: (input: HTMLInputElement) => void
}) {
  const id = createUniqueId()
  const [words, setWords] = createSignal('')
  // Which match Enter showed last; -1 until it has shown one for these words.
  const [at, setAt] = createSignal(-1)
  const [status, setStatus] = createSignal('')
  const passages = createMemo(() => findPassages(props.text, words()))

  const next = () => {
    const found = passages()
    if (words().trim() === '') return setStatus('Type some words of the abstract first.')
    const index = (at() + 1) % Math.max(1, found.length)
    const passage = found[index]
    if (!passage) return setStatus(`No match in the abstract for “${words().trim()}”.`)
    const refused = props.onFind(passage)
    if (refused) return setStatus(refused)
    setAt(index)
    setStatus(`${index + 1} of ${found.length} ${found.length === 1 ? 'match' : 'matches'}`)
  }

  return (
    <form
      class="find-passage"
      onSubmit={(event) => {
        event.preventDefault()
        next()
      }}
    >
      <label for={id}>Find a passage to highlight</label>
      <div class="find-passage-row">
        <input
          id={id}
          ref={props.ref}
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby={`${id}-status`}
          value={words()}
          onInput={(event) => {
            setWords(event.currentTarget.value)
            setAt(-1)
            setStatus('')
          }}
        />
        <button type="submit" class="secondary">
          {at() < 0 ? 'Find' : 'Find next'}
        </button>
      </div>
      <p id={`${id}-status`} class="find-passage-status" role="status" aria-live="polite">
        {status()}
      </p>
    </form>
  )
}
