import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { isKey, parseInviteLink } from '../../shared/invite'

/** What the URL fragment asks for. */
export type Route =
  | { page: 'home' }
  | { page: 'join'; groupId: string; key: string }
  | { page: 'group'; groupId: string }
  | { page: 'invalid-invite' }
  | { page: 'not-found' }

/** Parses a location hash (`#g/<groupId>`, `#join/<groupId>/<key>`, or empty). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '' || path === '/') return { page: 'home' }
  if (path.startsWith('join/')) {
    const invite = parseInviteLink(path)
    return invite ? { page: 'join', ...invite } : { page: 'invalid-invite' }
  }
  const group = /^g\/([^/]+)$/.exec(path)
  if (group?.[1] && isKey(group[1])) return { page: 'group', groupId: group[1] }
  return { page: 'not-found' }
}

/** The route of the current hash, following `hashchange`. */
export function createHashRoute(): Accessor<Route> {
  const [route, setRoute] = createSignal(parseRoute(location.hash))
  const update = () => setRoute(parseRoute(location.hash))
  window.addEventListener('hashchange', update)
  onCleanup(() => window.removeEventListener('hashchange', update))
  return route
}

/**
 * Replaces the current history entry with `hash`, so that an invite's key does not stay in the
 * history, and tells the router.
 */
export function replaceHash(hash: string): void {
  history.replaceState(null, '', hash)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}
