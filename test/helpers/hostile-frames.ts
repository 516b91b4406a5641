import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeKeepAlive,
  encodeSyncStep1,
  encodeUpdate,
} from '../../server/protocol'
import {
  MARKERS,
  bigUpdate,
  deleteOfUnknownClient,
  garbageStructs,
  gcUpdate,
  selfContainedUpdate,
  updateWithMissingDependency,
} from './hostile-updates'
import { awarenessMessage } from './sync-client'

/**
 * What docs/server.md says the server does with a frame: keep the connection (`kept`: applied,
 * answered, dropped or ignored), close it with 1007 (`refused`: it does not decode), with 1009
 * (`too-big`), or one of `kept` and `refused` when the frame is a random mutation.
 */
export type Verdict = 'kept' | 'refused' | 'too-big' | 'either'

/** The families of hostile frames, as the summary counts them. */
export const FRAME_KINDS = [
  'random-bytes',
  'truncated',
  'bit-flipped',
  'unknown-type',
  'huge-varint',
  'yjs-garbage',
  'awareness-json',
  'oversized',
  'text-frame',
  'valid',
] as const
export type FrameKind = (typeof FRAME_KINDS)[number]

/** One frame a hostile socket sends, and what the server should do with it. */
export interface HostileFrame {
  kind: FrameKind
  variant: string
  /** A binary frame, or a string sent as a text frame. */
  data: Uint8Array | string
  /** Sent as several WebSocket fragments. */
  fragmented: boolean
  verdict: Verdict
}

/** Options of {@link createFrameSource}. */
export interface FrameSourceOptions {
  seed: number
  /** The server's `maxMessageBytes`: oversized frames are just over it. */
  maxMessageBytes: number
  /** Awareness client ids of honest members, for forgery attempts. */
  honestClientIds: () => number[]
}

type Access = 'read' | 'write'
type Generator = (access: Access) => Omit<HostileFrame, 'kind'>

/** Awareness states that `JSON.parse` refuses. */
const NOT_JSON = ['{"user":', 'undefined', '', 'NaN', "{'a':1}", '[1,]', '\u0000']
/** JSON, but not the object a presence state is. */
const WRONG_TYPES = ['42', '"text"', '[1,2,3]', 'true', '{"user":42}', '{"__proto__":{"x":1}}']

function v(variant: string, verdict: Verdict, data: Uint8Array | string, fragmented = false) {
  return { variant, verdict, data, fragmented }
}

function frame(...parts: Array<(encoder: encoding.Encoder) => void>): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) part(encoder)
  return encoding.toUint8Array(encoder)
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n)
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b)
const lengthPrefixed = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b)
const syncFrame = (syncType: number, update: Uint8Array) =>
  frame(uint(MESSAGE_SYNC), uint(syncType), lengthPrefixed(update))
const presence = (clientId: number, clock: number, state: string) =>
  awarenessMessage([{ clientId, clock, state }])
const awarenessFrame = (update: Uint8Array) =>
  frame(uint(MESSAGE_AWARENESS), lengthPrefixed(update))

/**
 * A seeded source of hostile frames: random bytes, truncations and bit flips of valid sync and
 * awareness frames, unknown message types, varints of 2^53 and beyond, malformed Yjs updates,
 * awareness that is not JSON or is huge or of the wrong type, and frames over the size limit.
 * Content of frames the server must refuse holds {@link MARKERS}.invalid, content sent with a
 * read key {@link MARKERS}.readOnly, so that the stored group can be searched for them.
 */
export function createFrameSource(options: FrameSourceOptions): (access: Access) => HostileFrame {
  const rng = prng.create(options.seed)
  const int = (min: number, max: number) => prng.int53(rng, min, max)
  const pick = <T>(items: readonly T[]): T => prng.oneOf(rng, items as T[])
  const clientId = () => prng.uint32(rng, 1, 2 ** 32 - 1)
  const noise = (length: number) => prng.uint8Array(rng, length)
  const updates = (label: string) => [0, 1, 2].map((i) => selfContainedUpdate(`${label}${i}`))
  const valid = { write: updates(MARKERS.valid), read: updates(MARKERS.readOnly) }
  const invalid = updates(MARKERS.invalid)
  const missing = updateWithMissingDependency(MARKERS.invalid)
  const oversize = options.maxMessageBytes + 1
  const tooBigUpdate = encodeUpdate(bigUpdate(MARKERS.invalid, oversize))
  const stepOneOf = (update: Uint8Array) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    return encodeSyncStep1(doc)
  }
  const validFrames = (source: Uint8Array[]): Uint8Array[] => {
    const update = pick(source)
    const state = JSON.stringify({ user: { name: 'Mallory', colour: '#123456' } })
    return [
      encodeUpdate(update),
      syncFrame(1, update),
      stepOneOf(update),
      presence(clientId(), 1, state),
    ]
  }
  const asUpdateFrame = (update: Uint8Array) => syncFrame(pick([1, 2]), update)
  const unknownDelete = (length: number) => deleteOfUnknownClient(clientId(), length)

  const generators: Record<FrameKind, Generator> = {
    'random-bytes': () => v('noise', 'either', noise(int(0, 256))),
    truncated: () => {
      const whole = pick(validFrames(invalid))
      return v('prefix', 'refused', whole.slice(0, int(0, whole.length - 1)))
    },
    'bit-flipped': (access) => {
      const data = pick(validFrames(valid[access])).slice()
      for (let flips = int(1, 4); flips > 0; flips--) {
        const at = int(0, data.length - 1)
        data[at] = prng.bool(rng) ? data[at]! ^ (1 << int(0, 7)) : int(0, 255)
      }
      return v('flips', 'either', data)
    },
    'unknown-type': () => {
      const type = pick([2, 4, 5, 100, 127, 128, 16_384, 2 ** 31, 2 ** 53, 2 ** 60])
      return v(`type ${type}`, 'kept', frame(uint(type), bytes(noise(int(0, 64)))))
    },
    'huge-varint': () =>
      pick([
        v('endless varint', 'refused', new Uint8Array(int(1, 24)).fill(0x80)),
        v('type over 2^53', 'refused', Uint8Array.of(...Array(9).fill(0xff), 1)),
        v('sync type 2^53', 'refused', frame(uint(0), uint(2 ** 53), bytes(noise(8)))),
        v('update length 2^53', 'refused', frame(uint(0), uint(2), uint(2 ** 53))),
        v('state vector length 2^31', 'refused', frame(uint(0), uint(0), uint(2 ** 31))),
        v('awareness length 2^40', 'refused', frame(uint(MESSAGE_AWARENESS), uint(2 ** 40))),
        v('awareness count 2^53', 'refused', awarenessFrame(frame(uint(2 ** 53), uint(1)))),
        v('awareness clock 2^60', 'kept', presence(clientId(), 2 ** 60, '{}')),
        v('awareness client 2^53', 'kept', presence(2 ** 53, int(1, 9), '{}')),
      ]),
    'yjs-garbage': (access) => {
      // A writer's update that builds on changes the server lacks waits, never stored, for the
      // sync step 2 that could bring them (docs/server.md): the connection is refused once that
      // step 2 comes without them, after 10 s, or not at all if it leaves first.
      const parked: Verdict = access === 'write' ? 'either' : 'kept'
      const garbage = garbageStructs(clientId(), int(1, 2 ** 20), noise(int(0, 64)))
      return pick([
        v('missing dependency', parked, asUpdateFrame(missing)),
        v('delete of unknown client', parked, asUpdateFrame(unknownDelete(int(1, 2 ** 40)))),
        v('gc range', 'kept', asUpdateFrame(gcUpdate(clientId(), 2 ** int(0, 53)))),
        v('garbage structs', 'either', asUpdateFrame(garbage)),
      ])
    },
    'awareness-json': () => {
      const honest = options.honestClientIds()
      const target = honest.length > 0 ? pick(honest) : clientId()
      const huge = JSON.stringify({ blob: 'x'.repeat(options.maxMessageBytes >> 2) })
      const many = Array.from({ length: 50 }, () => ({
        clientId: clientId(),
        clock: 1,
        state: '{}',
      }))
      return pick([
        v('not JSON', 'refused', presence(clientId(), 1, pick(NOT_JSON))),
        v('nested too deep', 'refused', deeplyNestedPresence(clientId(), int(33, 10_000))),
        v('wrong type', 'kept', presence(clientId(), int(1, 99), pick(WRONG_TYPES))),
        v('huge', 'kept', presence(clientId(), 1, huge)),
        v('fifty ids', 'kept', awarenessMessage(many)),
        v('forged honest state', 'kept', presence(target, 2 ** 40, '{"user":"forged"}')),
        v('erased honest state', 'kept', presence(target, 2 ** 40, 'null')),
      ])
    },
    oversized: () => {
      const size = oversize + int(0, 4096)
      return pick([
        v('one frame', 'too-big', new Uint8Array(size).fill(int(0, 255))),
        v('fragments', 'too-big', new Uint8Array(size), true),
        v('valid update', 'too-big', tooBigUpdate),
      ])
    },
    'text-frame': () => {
      const keepAlive = Buffer.from(encodeKeepAlive()).toString('latin1')
      return v('text', 'kept', pick([prng.word(rng, 0, 40), '{"type":"sync"}', keepAlive]))
    },
    valid: (access) =>
      pick([
        ...validFrames(valid[access]).map((data) => v('valid', 'kept', data)),
        v('query awareness', 'kept', Uint8Array.of(MESSAGE_QUERY_AWARENESS)),
        v('keep-alive', 'kept', encodeKeepAlive()),
      ]),
  }
  return (access) => {
    const kind = pick(FRAME_KINDS)
    return { kind, ...generators[kind](access) }
  }
}

/**
 * A presence state nested `depth` arrays deep: valid JSON, under 2 bytes per level, that
 * `JSON.parse` reads but `JSON.stringify` cannot write back past a few thousand levels.
 */
export function deeplyNestedPresence(clientId: number, depth: number): Uint8Array {
  return presence(clientId, 1, '['.repeat(depth) + ']'.repeat(depth))
}
