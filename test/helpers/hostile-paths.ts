import * as prng from 'lib0/prng'
import type { GroupKeys } from '../../shared/invite'

/** An upgrade request target that must be refused, and what kind of trick it is. */
export interface UpgradeTrick {
  kind: 'path' | 'token'
  variant: string
  /** Sent byte for byte; a string goes out as UTF-8. */
  target: string | Buffer
}

/** Inserted into a valid path: separators, dot segments, escapes, control and unicode. */
const SNIPPETS = [
  '/',
  '//',
  '.',
  '..',
  '/../',
  '/./',
  '%2f',
  '%2F',
  '%2e',
  '%2e%2e',
  '%00',
  '%',
  '%zz',
  '%252e',
  '\\',
  ';',
  '@',
  ':',
  '*',
  ' ',
  '\t',
  '\u0000',
  '\r\n',
  'é',
  '\u202e',
  '\ufeff',
  '😀',
  'Ａ',
  '%c3%a9',
  '?',
  '#',
  '+',
  '=',
]
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Upgrade targets the server must refuse with a 4xx: path tricks (`/sync/../x`, encoded
 * slashes, `%00`, ids of every length, unicode, raw control bytes) and token tricks (another
 * group's keys, the id itself, a key with one character changed, two tokens). The fixed cases
 * come first, then `random` mutations of a valid target, seeded by `seed`.
 */
export function upgradeTricks(
  seed: number,
  keys: GroupKeys,
  other: GroupKeys,
  random: number,
): UpgradeTrick[] {
  const rng = prng.create(seed)
  const id = keys.groupId
  const query = `?token=${keys.writeKey}`
  const path = (variant: string, target: string | Buffer): UpgradeTrick => ({
    kind: 'path',
    variant,
    target,
  })
  const token = (variant: string, value: string): UpgradeTrick => ({
    kind: 'token',
    variant,
    target: `/sync/${id}?token=${value}`,
  })
  const changed = keys.writeKey.slice(0, 21) + (keys.writeKey.endsWith('A') ? 'B' : 'A')
  const tricks: UpgradeTrick[] = [
    path('dot segments', `/sync/../x${query}`),
    path('dot segments to the id', `/sync/x/../${id}${query}`),
    path('encoded slash', `/sync%2f${id}${query}`),
    path('encoded slash in id', `/sync/${id.slice(0, 11)}%2F${id.slice(11)}${query}`),
    path('double-encoded dots', `/sync/%252e%252e/${id}${query}`),
    path('%00 after id', `/sync/${id}%00${query}`),
    path('raw NUL after id', `/sync/${id}\u0000${query}`),
    path('raw UTF-8 id', Buffer.from(`/sync/${'é'.repeat(11)}${query}`)),
    path('fullwidth id', `/sync/${encodeURIComponent('Ａ'.repeat(22))}${query}`),
    path('right-to-left override', `/sync/${id.slice(1)}${encodeURIComponent('\u202e')}${query}`),
    ...[0, 21, 23, 64, 1_000, 5_000, 20_000].map((length) =>
      path(`id of ${length} characters`, `/sync/${'A'.repeat(length)}${query}`),
    ),
    token("another group's write key", other.writeKey),
    token("another group's read key", other.readKey),
    token('the group id', id),
    token('write key with one character changed', changed),
    token('two tokens', `${keys.readKey}&token=${keys.writeKey}`),
    token('empty', ''),
    { kind: 'token', variant: 'no token', target: `/sync/${id}` },
    token('read key with the write key appended', keys.readKey + keys.writeKey),
  ]
  const valid = `/sync/${id}`
  for (let n = 0; n < random; n++) {
    if (prng.bool(rng)) {
      const at = prng.int32(rng, 2, valid.length)
      const snippet = prng.oneOf(rng, SNIPPETS)
      tricks.push(
        path('random insertion', `${valid.slice(0, at)}${snippet}${valid.slice(at)}${query}`),
      )
    } else {
      let length = prng.int32(rng, 0, 64)
      if (length === 22) length++
      const randomId = Array.from({ length }, () => prng.oneOf(rng, [...BASE64URL])).join('')
      tricks.push(path('random id length', `/sync/${randomId}${query}`))
    }
  }
  return tricks
}
