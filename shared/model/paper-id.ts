/**
 * Stable paper ids: the arXiv id without version when known, else `h:` and a hash of the
 * normalized title, so that two members who add the same paper offline make the same id and
 * their copies merge instead of doubling.
 */
import { digest } from 'lib0/hash/sha256'
import { toHexString } from 'lib0/buffer'
import { encodeUtf8 } from 'lib0/string'

/**
 * A title reduced to what identifies it: accents and case dropped, punctuation and runs of
 * whitespace turned into single spaces. "TÜLU 3: Pushing Frontiers" and "tulu 3 - pushing
 * frontiers" normalize alike.
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The id of a paper: `arxivId` (already versionless) when given, else the title hash. */
export function paperIdFor(arxivId: string | undefined, title: string): string {
  if (arxivId) return arxivId
  return `h:${toHexString(digest(encodeUtf8(normalizeTitle(title))).subarray(0, 10))}`
}
