import type { Duplex } from 'node:stream'
import { STATUS_CODES } from 'node:http'
import { accessOf, isKey } from '../shared/invite'

/** Why an upgrade was refused before any room was touched; also the metrics label. */
export type AuthRefusal = 'not-found' | 'bad-request' | 'bad-group-id' | 'bad-token'

/** The outcome of checking a WebSocket upgrade request. */
export type UpgradeDecision =
  | { ok: true; groupId: string; access: 'read' | 'write' }
  | { ok: false; status: 400 | 401 | 404; reason: AuthRefusal }

const SYNC_PREFIX = '/sync/'
/** The scheme and authority of an absolute-form request target (`GET http://host/path`). */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/** The request target split into its path and query, exactly as sent: no dot-segment removal. */
function splitTarget(target: string): { path: string; query: string } | undefined {
  const origin = ABSOLUTE_FORM.exec(target)?.[0] ?? ''
  const rest = target.slice(origin.length)
  if (!rest.startsWith('/')) return undefined
  const end = rest.search(/[?#]/)
  if (end === -1) return { path: rest, query: '' }
  const query = rest[end] === '?' ? (rest.slice(end + 1).split('#')[0] ?? '') : ''
  return { path: rest.slice(0, end), query }
}

/** False for a request target such as `//[`, which is no URL at all. */
function isUrl(target: string): boolean {
  try {
    new URL(target, 'http://localhost')
    return true
  } catch {
    return false
  }
}

/**
 * Checks an upgrade to `/sync/<groupId>?token=<key>`, the URL the stock WebsocketProvider
 * builds from `(origin + '/sync', groupId, doc, { params: { token } })`. Pure and synchronous:
 * it runs before any room is loaded or created.
 *
 * - 404: a path outside `/sync/`.
 * - 400: a target that does not parse, or anything after `/sync/` that is not exactly a group
 *   id (22 base64url characters): no extra segments, dot segments or percent-escapes.
 * - 401: no `token`, more than one, or one that is not the group's write or read key.
 */
export function authorizeUpgrade(requestUrl: string | undefined): UpgradeDecision {
  const target = isUrl(requestUrl ?? '/') ? splitTarget(requestUrl ?? '/') : undefined
  if (!target) return { ok: false, status: 400, reason: 'bad-request' }
  const { path, query } = target
  if (path !== '/sync' && !path.startsWith(SYNC_PREFIX)) {
    return { ok: false, status: 404, reason: 'not-found' }
  }
  const groupId = path.slice(SYNC_PREFIX.length)
  if (!isKey(groupId)) return { ok: false, status: 400, reason: 'bad-group-id' }
  const tokens = new URLSearchParams(query).getAll('token')
  const token = tokens.length === 1 ? (tokens[0] ?? '') : ''
  const access = accessOf(groupId, token)
  return access === 'none'
    ? { ok: false, status: 401, reason: 'bad-token' }
    : { ok: true, groupId, access }
}

/** Answers an upgrade request with a plain HTTP error and drops the socket, before any upgrade. */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  headers: Record<string, string> = {},
): void {
  const reason = STATUS_CODES[status] ?? 'Error'
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  )
}
