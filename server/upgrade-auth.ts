import type { Duplex } from 'node:stream'
import { STATUS_CODES } from 'node:http'
import { accessOf, isKey } from '../shared/invite'

/** The outcome of checking a WebSocket upgrade request. */
export type UpgradeDecision =
  | { ok: true; groupId: string; access: 'read' | 'write' }
  | { ok: false; status: 400 | 401 | 403 | 404 }

const SYNC_PATH = /^\/sync\/([^/]+)$/

/**
 * Checks an upgrade to `/sync/<groupId>?token=<key>`, the URL the stock WebsocketProvider
 * builds from `(origin + '/sync', groupId, doc, { params: { token } })`. 401 when there is no
 * usable token, 403 when the token does not open this group.
 */
export function authorizeUpgrade(requestUrl: string | undefined): UpgradeDecision {
  let url: URL
  try {
    url = new URL(requestUrl ?? '/', 'http://localhost')
  } catch {
    // A request target such as `//[` is no URL at all; throwing here would crash the server.
    return { ok: false, status: 400 }
  }
  const groupId = SYNC_PATH.exec(url.pathname)?.[1]
  if (groupId === undefined) return { ok: false, status: 404 }
  if (!isKey(groupId)) return { ok: false, status: 400 }
  const token = url.searchParams.get('token')
  if (token === null || !isKey(token)) return { ok: false, status: 401 }
  const access = accessOf(groupId, token)
  return access === 'none' ? { ok: false, status: 403 } : { ok: true, groupId, access }
}

/** Answers an upgrade request with a plain HTTP error and drops the socket, before any upgrade. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const reason = STATUS_CODES[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  )
}
