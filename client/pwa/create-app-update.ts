import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { registerServiceWorker, type ServiceWorkerControl } from './register-service-worker'

/** Whether a new version of the app waits, and the member's two answers to it. */
export interface AppUpdate {
  /** True while a new version is ready and the member has not answered. */
  readonly ready: Accessor<boolean>
  /** True once the member chose to reload, until the page goes. */
  readonly applying: Accessor<boolean>
  /** Lets the new version take over and reloads into it. */
  reload(): void
  /** Keeps this version for now; the question comes back on the next load. */
  later(): void
}

/** Registers the service worker for the lifetime of the calling owner. */
export function createAppUpdate(
  register: typeof registerServiceWorker = registerServiceWorker,
): AppUpdate {
  const [ready, setReady] = createSignal(false)
  const [applying, setApplying] = createSignal(false)
  const control: ServiceWorkerControl | undefined = register({
    onUpdateReady: () => setReady(true),
  })
  onCleanup(() => control?.stop())
  return {
    ready,
    applying,
    reload: () => {
      if (!control) return
      setApplying(true)
      control.applyUpdate()
    },
    later: () => setReady(false),
  }
}
