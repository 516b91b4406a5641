import { Show } from 'solid-js'
import { createAppUpdate, type AppUpdate } from '../pwa/create-app-update'
import '../styles/pwa.css'

/** Tells the member when a new version of the app is ready, and applies it on request. */
export function UpdatePrompt() {
  const update = createAppUpdate()
  return <UpdateBanner update={update} />
}

/**
 * The question itself, non-modal: the member may finish what they are doing first. The live
 * region is always in the page, so that screen readers announce the banner when it appears.
 */
export function UpdateBanner(props: { update: AppUpdate }) {
  return (
    <div class="update-live" aria-live="polite">
      <Show when={props.update.ready()}>
        <div class="update-prompt" role="group" aria-labelledby="update-prompt-text">
          <p id="update-prompt-text">A new version of Margins is ready.</p>
          <div class="update-prompt-actions">
            <button
              type="button"
              disabled={props.update.applying()}
              onClick={() => props.update.reload()}
            >
              {props.update.applying() ? 'Reloading…' : 'Reload'}
            </button>
            <button type="button" class="secondary" onClick={() => props.update.later()}>
              Later
            </button>
          </div>
        </div>
      </Show>
    </div>
  )
}
