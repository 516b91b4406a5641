import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { isKey, parseInviteLink } from '../../shared/invite'

/** What the URL fragment asks for. */
export type Route =
  | { page: 'home' }
  | { page: 'join'; groupId: string; key: string }
  | { page: 'group'; groupId: string }
  | { page: 'tags'; groupId: string }
  | { page: 'paper'; groupId: string; paperId: string }
  | { page: 'new-group' }
  | { page: 'invalid-invite' }
  | { page: 'not-found' }

/**
 * Parses a location hash: empty (home), `#new` (create a group), `#join/<groupId>/<key>`,
 * `#g/<groupId>` (library), `#g/<groupId>/tags` (its tags) or `#g/<groupId>/p/<paperId>` (a
 * paper, its id URI-encoded).
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '' || path === '/') return { page: 'home' }
  if (path.startsWith('join/')) {
    const invite = parseInviteLink(path)
    return invite ? { page: 'join', ...invite } : { page: 'invalid-invite' }
  }
  if (path === 'new') return { page: 'new-group' }
  const group = /^g\/([^/]+)(?:\/p\/([^/]+)|\/(tags))?$/.exec(path)
  if (!group?.[1] || !isKey(group[1])) return { page: 'not-found' }
  if (group[3] !== undefined) return { page: 'tags', groupId: group[1] }
  if (group[2] === undefined) return { page: 'group', groupId: group[1] }
  try {
    return { page: 'paper', groupId: group[1], paperId: decodeURIComponent(group[2]) }
  } catch {
    return { page: 'not-found' }
  }
}

/** The hash of a group's library. */
export function groupHref(groupId: string): string {
  return `#g/${groupId}`
}

/** The hash of a group's tags page. */
export function tagsHref(groupId: string): string {
  return `#g/${groupId}/tags`
}

/** The hash of a paper's page: old-style arXiv ids have a slash and title ids a colon. */
export function paperHref(groupId: string, paperId: string): string {
  return `#g/${groupId}/p/${encodeURIComponent(paperId)}`
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
