import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { isKey, parseInviteLink } from '../../shared/invite'

/** What the URL fragment asks for. */
export type Route =
  | { page: 'home' }
  | { page: 'join'; groupId: string; key: string }
  | { page: 'group'; groupId: string }
  | { page: 'tags'; groupId: string }
  | { page: 'rounds'; groupId: string }
  | { page: 'round'; groupId: string; roundId: string }
  | { page: 'meetings'; groupId: string }
  | { page: 'meeting'; groupId: string; meetingId: string }
  | { page: 'storage'; groupId: string }
  | { page: 'export'; groupId: string }
  | { page: 'paper'; groupId: string; paperId: string }
  | { page: 'pdf'; groupId: string; paperId: string; annotationId?: string }
  | { page: 'new-group' }
  | { page: 'device' }
  | { page: 'device-link'; data: string }
  | { page: 'invalid-invite' }
  | { page: 'not-found' }

/** A page of one group. */
export type GroupRoute = Exclude<Extract<Route, { groupId: string }>, { page: 'join' }>

const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Parses a location hash: empty (home), `#new` (create a group), `#join/<groupId>/<key>`,
 * `#device` (this member's link for another device) and `#device/<data>` (such a link opened),
 * `#g/<groupId>` (library), `#g/<groupId>/tags` (its tags), `#g/<groupId>/p/<paperId>` (a
 * paper, its id URI-encoded), `#g/<groupId>/rounds` and `#g/<groupId>/r/<roundId>` (ranked-choice
 * rounds), `#g/<groupId>/meetings` and `#g/<groupId>/m/<meetingId>` (meetings),
 * `#g/<groupId>/storage` (the PDFs kept on this device), `#g/<groupId>/export` (files of the
 * group's annotations and papers), `#g/<groupId>/p/<paperId>/pdf` (the
 * paper's PDF in the reader) and `#g/<groupId>/p/<paperId>/pdf/<annotationId>` (the reader at
 * one of its highlights).
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '' || path === '/') return { page: 'home' }
  if (path.startsWith('join/')) {
    const invite = parseInviteLink(path)
    return invite ? { page: 'join', ...invite } : { page: 'invalid-invite' }
  }
  if (path === 'new') return { page: 'new-group' }
  if (path === 'device') return { page: 'device' }
  if (path.startsWith('device/')) return { page: 'device-link', data: path.slice('device/'.length) }
  const group =
    /^g\/([^/]+)(?:\/(tags|rounds|meetings|storage|export)|\/([prm])\/([^/]+)(\/pdf(?:\/([^/]+))?)?)?$/.exec(
      path,
    )
  const groupId = group?.[1]
  if (!group || !groupId || !isKey(groupId)) return { page: 'not-found' }
  const [, , list, kind, id, reader, annotationId] = group
  if (list !== undefined) {
    return { page: list as 'tags' | 'rounds' | 'meetings' | 'storage' | 'export', groupId }
  }
  if (kind === undefined || id === undefined) return { page: 'group', groupId }
  if (reader && kind !== 'p') return { page: 'not-found' }
  if (kind === 'r' && ITEM_ID.test(id)) return { page: 'round', groupId, roundId: id }
  if (kind === 'm' && ITEM_ID.test(id)) return { page: 'meeting', groupId, meetingId: id }
  if (kind !== 'p') return { page: 'not-found' }
  if (annotationId !== undefined && !ITEM_ID.test(annotationId)) return { page: 'not-found' }
  try {
    const paperId = decodeURIComponent(id)
    if (!reader) return { page: 'paper', groupId, paperId }
    return annotationId === undefined
      ? { page: 'pdf', groupId, paperId }
      : { page: 'pdf', groupId, paperId, annotationId }
  } catch {
    return { page: 'not-found' }
  }
}

/** The group a route is about, or undefined for pages outside any group. */
export function groupRouteOf(route: Route): GroupRoute | undefined {
  return route.page === 'join' || !('groupId' in route) ? undefined : route
}

/** The hash of a group's library. */
export function groupHref(groupId: string): string {
  return `#g/${groupId}`
}

/** The hash of a group's tags page. */
export function tagsHref(groupId: string): string {
  return `#g/${groupId}/tags`
}

/** The hash of a group's ranked-choice rounds. */
export function roundsHref(groupId: string): string {
  return `#g/${groupId}/rounds`
}

/** The hash of one round's page. */
export function roundHref(groupId: string, roundId: string): string {
  return `#g/${groupId}/r/${roundId}`
}

/** The hash of a group's meetings. */
export function meetingsHref(groupId: string): string {
  return `#g/${groupId}/meetings`
}

/** The hash of one meeting's page. */
export function meetingHref(groupId: string, meetingId: string): string {
  return `#g/${groupId}/m/${meetingId}`
}

/** The hash of the page listing the PDFs kept on this device. */
export function storageHref(groupId: string): string {
  return `#g/${groupId}/storage`
}

/** The hash of the page that exports the group's annotations and papers as files. */
export function exportHref(groupId: string): string {
  return `#g/${groupId}/export`
}

/** The hash of a paper's page: old-style arXiv ids have a slash and title ids a colon. */
export function paperHref(groupId: string, paperId: string): string {
  return `#g/${groupId}/p/${encodeURIComponent(paperId)}`
}

/** The hash of a paper's PDF in the reader, opened at one of its highlights when one is named. */
export function pdfReaderHref(groupId: string, paperId: string, annotationId?: string): string {
  const reader = `${paperHref(groupId, paperId)}/pdf`
  return annotationId === undefined ? reader : `${reader}/${annotationId}`
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
