/**
 * Capability-based access to a group. Nothing is registered anywhere: a group's id is derived
 * from its read key, and its read key from its write key, by one-way hashes:
 *
 *   writeKey = 16 random bytes
 *   readKey  = H("margins-read:"  + writeKey)
 *   groupId  = H("margins-group:" + readKey)
 *
 * (H = SHA-256 truncated to 16 bytes, base64url.) Whoever holds the write key can derive the read
 * key and the id; a read key gives the id but not the write key; the id alone gives nothing.
 * The server checks a token against the group id in the URL without storing any secret, and a
 * group created offline works the moment it first syncs.
 */
import { digest } from 'lib0/hash/sha256'
import { toBase64UrlEncoded } from 'lib0/buffer'
import { getRandomValues } from 'lib0/webcrypto'
import { encodeUtf8 } from 'lib0/string'

/** What a token grants on a group. */
export type Access = 'write' | 'read' | 'none'

const KEY_BYTES = 16
/** Length of every key and group id in characters (16 bytes, base64url, unpadded). */
export const KEY_LENGTH = 22
const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/

/** Recent hashes: the app asks about the same few keys many times while it renders. */
const hashed = new Map<string, string>()
/** Bounded, since a server hashes whatever tokens clients send. */
const HASHED_KEPT = 64

function hashKey(label: string, key: string): string {
  const input = `${label}:${key}`
  let hash = hashed.get(input)
  if (hash === undefined) {
    hash = toBase64UrlEncoded(digest(encodeUtf8(input)).subarray(0, KEY_BYTES))
    if (hashed.size >= HASHED_KEPT) hashed.delete(hashed.keys().next().value as string)
    hashed.set(input, hash)
  }
  return hash
}

/** True when `value` has the shape of a key or group id. */
export function isKey(value: string): boolean {
  return KEY_PATTERN.test(value)
}

/** The read key that a write key implies. */
export function readKeyOf(writeKey: string): string {
  return hashKey('margins-read', writeKey)
}

/** The group id that a read key implies. */
export function groupIdOf(readKey: string): string {
  return hashKey('margins-group', readKey)
}

/** The keys of a new group. */
export interface GroupKeys {
  groupId: string
  writeKey: string
  readKey: string
}

/** Makes the keys of a new group from fresh randomness. */
export function createGroupKeys(): GroupKeys {
  return keysFromWriteKey(createSecret())
}

/** The full key set implied by a write key. */
export function keysFromWriteKey(writeKey: string): GroupKeys {
  const readKey = readKeyOf(writeKey)
  return { groupId: groupIdOf(readKey), writeKey, readKey }
}

/** What `token` grants on the group `groupId`. Constant work whatever the answer. */
export function accessOf(groupId: string, token: string): Access {
  if (!isKey(groupId) || !isKey(token)) return 'none'
  const asRead = groupIdOf(token) === groupId
  const asWrite = groupIdOf(readKeyOf(token)) === groupId
  return asWrite ? 'write' : asRead ? 'read' : 'none'
}

/**
 * The invite link of a group. The key travels in the URL fragment, which browsers never send to
 * a server nor put in a Referer header.
 */
export function inviteLink(origin: string, groupId: string, key: string): string {
  return `${origin.replace(/\/+$/, '')}/#join/${groupId}/${key}`
}

/** The group id and key of an invite link (or of its fragment alone), or undefined. */
export function parseInviteLink(link: string): { groupId: string; key: string } | undefined {
  const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link
  const match = /^join\/([A-Za-z0-9_-]{22})\/([A-Za-z0-9_-]{22})$/.exec(hash.trim())
  if (!match?.[1] || !match[2]) return undefined
  if (accessOf(match[1], match[2]) === 'none') return undefined
  return { groupId: match[1], key: match[2] }
}

/**
 * The keys of a member's private document for a group: their read marks and reading positions,
 * which follow them to each device they use (the device link carries `secret`). To the server it
 * is a group like any other, whose write key only that member's devices can derive: from the
 * member's secret and the group id, so each group has its own and a group's key alone gives
 * none of them.
 */
export function privateKeysOf(groupId: string, secret: string): GroupKeys {
  return keysFromWriteKey(hashKey('margins-private', `${groupId}:${secret}`))
}

/** A fresh random secret of the shape of a key: a group's write key, a member's secret. */
export function createSecret(): string {
  return toBase64UrlEncoded(getRandomValues(new Uint8Array(KEY_BYTES)))
}
