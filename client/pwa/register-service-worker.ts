import type { Workbox } from 'workbox-window'

/** What the page hears from its service worker. */
export interface ServiceWorkerEvents {
  /** A new version of the app is installed and waits for the member to take it. */
  onUpdateReady: () => void
}

/** The page's handle on its service worker. */
export interface ServiceWorkerControl {
  /** Lets the waiting version take over, then reloads the page into it. */
  applyUpdate: () => void
  /** Stops checking for updates (the registration itself stays). */
  stop: () => void
}

/** The app is served from the root, and vite-plugin-pwa writes the worker there. */
const SCRIPT_URL = '/sw.js'
/**
 * Hash routes never navigate, so a tab left open would otherwise only look for a new version
 * when reloaded: look again when the page comes back into view, at most this often.
 */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000

/**
 * Registers the app's service worker, which precaches the app so that it opens offline. A new
 * version never takes over on its own (the member may be typing): it waits, `onUpdateReady` is
 * called, and {@link ServiceWorkerControl.applyUpdate} lets it in. Returns undefined where there
 * is no service worker: the Vite dev server (which builds none), tests, old browsers.
 *
 * Registering (and loading Workbox's page side) waits until the page has loaded and the browser
 * is idle, so that neither the worker's precaching nor its code competes with the first screen.
 */
export function registerServiceWorker(
  events: ServiceWorkerEvents,
): ServiceWorkerControl | undefined {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return undefined
  const container = navigator.serviceWorker
  let workbox: Workbox | undefined
  let registration: ServiceWorkerRegistration | undefined
  let applying = false
  let controlled = Boolean(container.controller)
  const onControllerChange = () => {
    if (applying) return location.reload()
    // The first visit's worker claiming the page changes nothing the member sees. A new worker
    // taking over because another tab applied an update leaves this page's code behind it.
    if (controlled) events.onUpdateReady()
    controlled = true
  }
  container.addEventListener('controllerchange', onControllerChange)

  let lastCheck = Date.now()
  const checkForUpdate = () => {
    if (!registration || !navigator.onLine) return
    if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return
    lastCheck = Date.now()
    // A failed check (server down, captive portal) is retried at the next one.
    registration.update().catch(() => undefined)
  }
  const onVisible = () => {
    if (document.visibilityState === 'visible') checkForUpdate()
  }
  const timer = setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS)
  document.addEventListener('visibilitychange', onVisible)

  const register = async () => {
    const { Workbox } = await import('workbox-window')
    workbox = new Workbox(SCRIPT_URL, { scope: '/' })
    // Also fires on load when a version was already waiting (the member chose "Later" before).
    workbox.addEventListener('waiting', () => events.onUpdateReady())
    registration = await workbox.register({ immediate: true })
  }
  let settled = false
  let registering = false
  const tryRegister = () => {
    if (registering) return
    registering = true
    register()
      .catch((error: unknown) => console.warn('Margins could not install its offline copy', error))
      .finally(() => (registering = false))
  }
  whenSettled(() => {
    settled = true
    tryRegister()
  })
  // A first install cut short by the network (the worker's script or the app's files could not
  // be fetched) leaves no worker, and the browser would try again only at the next page load: a
  // member who opened the app once on a flaky connection would find it gone offline. Try again
  // as soon as the network is back.
  const onOnline = () => {
    if (!settled || container.controller) return
    if (registration?.active || registration?.installing || registration?.waiting) return
    tryRegister()
  }
  window.addEventListener('online', onOnline)

  return {
    applyUpdate: () => {
      applying = true
      if (registration?.waiting && workbox) workbox.messageSkipWaiting()
      else location.reload()
    },
    stop: () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      container.removeEventListener('controllerchange', onControllerChange)
      window.removeEventListener('online', onOnline)
    },
  }
}

/** Longest wait for an idle moment after load: a busy page still gets its offline copy. */
const IDLE_TIMEOUT_MS = 2000

/** Runs `task` once the page has loaded and the browser is idle (or after a short while). */
function whenSettled(task: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window
      ? requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS })
      : setTimeout(task, 0)
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}
