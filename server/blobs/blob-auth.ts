import type { IncomingMessage } from 'node:http'
import { accessOf, isKey } from '../../shared/invite'
import { BlobRequestError } from './blob-error'

/** What a request may do with a group's PDFs. */
export type BlobAccess = 'read' | 'write'

/**
 * The token of a request: `Authorization: Bearer <key>`, or a `token` query parameter as the
 * sync upgrade takes it (for a plain link). Exactly one must be given; none, two, or a header
 * of another scheme give the empty string, which no group accepts.
 */
function tokenOf(req: IncomingMessage, query: URLSearchParams): string {
  const header = req.headers.authorization
  const tokens = query.getAll('token')
  if (header !== undefined) {
    const bearer = /^Bearer ([^\s]+)$/i.exec(header.trim())?.[1]
    return bearer && tokens.length === 0 ? bearer : ''
  }
  return tokens.length === 1 ? (tokens[0] ?? '') : ''
}

/**
 * Checks that the request's token opens `groupId` as the sync upgrade does
 * (`server/upgrade-auth.ts`, `accessOf`): 400 for a group id that is not one, 401 for a missing
 * or wrong token (another group's key included), 403 for a read key where `needed` is write.
 * Throws a {@link BlobRequestError}; never puts the token in a message.
 */
export function authorizeBlobRequest(
  req: IncomingMessage,
  query: URLSearchParams,
  groupId: string,
  needed: BlobAccess,
): void {
  if (!isKey(groupId)) {
    throw new BlobRequestError(400, 'bad-group-id', 'Not a group id')
  }
  const access = accessOf(groupId, tokenOf(req, query))
  if (access === 'none') {
    throw new BlobRequestError(401, 'bad-token', "A key of this group is needed (the group's link)")
  }
  if (needed === 'write' && access !== 'write') {
    throw new BlobRequestError(403, 'read-only', 'A read-only link cannot add PDFs to the group')
  }
}
