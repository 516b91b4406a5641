import { readFile } from 'node:fs/promises'
import * as prng from 'lib0/prng'
import { onTestFinished } from 'vitest'
import type { ServerLimits } from '../../server/limits'
import { encodeKeepAlive } from '../../server/protocol'
import { createFrameSource, type HostileFrame } from './hostile-frames'
import { holdSocket, runHostileConnection, type HostileTarget } from './hostile-socket'
import type { HostileTally } from './hostile-tally'
import { healthOf } from './server-observe'
import { awarenessMessage } from './sync-client'

const DOCS = new URL('../../docs/server.md', import.meta.url)

/**
 * The close codes and upgrade statuses docs/server.md documents: every close code from "Sync
 * protocol" to "Operations", every status in the "Limits" table.
 */
export async function documentedAnswers(): Promise<{ closeCodes: number[]; statuses: number[] }> {
  const text = await readFile(DOCS, 'utf8')
  const section = (from: string) => text.slice(text.indexOf(from), text.indexOf('## Operations'))
  const all = (source: string, pattern: RegExp) =>
    [...new Set([...source.matchAll(pattern)].map((match) => Number(match[1])))].sort(
      (a, b) => a - b,
    )
  return {
    closeCodes: all(section('## Sync protocol'), /\b(1\d{3}|4\d{3})\b/g),
    statuses: all(section('## Limits'), /`([1-5]\d\d)`/g),
  }
}

/**
 * Frames that push one connection past a documented limit, each three times the bucket, so the
 * refill while the server reads them never lets a flood through.
 */
export function floods(
  limits: ServerLimits,
  clientId: number,
): Array<{ variant: string; frames: HostileFrame[] }> {
  const frame = (data: Uint8Array): HostileFrame => ({
    kind: 'valid',
    variant: 'flood',
    data,
    fragmented: false,
    verdict: 'kept',
  })
  const times = (n: number, make: (i: number) => Uint8Array) =>
    Array.from({ length: n }, (_, i) => frame(make(i)))
  const keepAlive = encodeKeepAlive()
  const ignored = Uint8Array.of(2)
  const own = (clock: number) => awarenessMessage([{ clientId, clock, state: `{"n":${clock}}` }])
  return [
    { variant: 'messages past the burst', frames: times(limits.messageBurst * 3, () => ignored) },
    {
      variant: 'raw presence past 20 times the burst',
      frames: times(limits.messageBurst * 20 * 3, () => keepAlive),
    },
    {
      variant: 'own presence past the burst',
      frames: times(limits.messageBurst * 3, (i) => own(i + 1)),
    },
  ]
}

/** A sequence of hostile connections to one group from one address. */
export interface Lane {
  index: number
  target: (access: 'read' | 'write') => HostileTarget
  /** Hostile frames to send, floods not counted. */
  frames: number
  seed: number
  limits: ServerLimits
  /** Every so many connections, one floods past a rate limit instead. */
  floodEvery: number
}

/** One lane: hostile connections one after another on one group, from one address. */
export async function runLane(lane: Lane, tally: HostileTally, honestIds: () => number[]) {
  const rng = prng.create(lane.seed)
  const next = createFrameSource({
    seed: lane.seed,
    maxMessageBytes: lane.limits.maxMessageBytes,
    honestClientIds: honestIds,
  })
  let sent = 0
  for (let n = 0; sent < lane.frames; n++) {
    if (n % lane.floodEvery === lane.floodEvery - 1) {
      // A presence id of its own: the room ignores states no newer than one it had.
      const limitFloods = floods(lane.limits, prng.uint32(rng, 1, 2 ** 32 - 1))
      const turn = lane.index + Math.floor(n / lane.floodEvery)
      const flood = limitFloods[turn % limitFloods.length]!
      const outcome = await runHostileConnection(lane.target('read'), flood.frames)
      tally.limit(flood.variant, flood.frames.length, outcome, 'closed 4429')
      continue
    }
    const access = prng.int32(rng, 0, 2) === 0 ? 'read' : 'write'
    const frames = Array.from({ length: prng.int32(rng, 1, 5) }, () => next(access))
    sent += frames.length
    tally.connection(frames, await runHostileConnection(lane.target(access), frames), access)
  }
}

/** Polls `/healthz` until stopped: how often it failed to answer 200 is the crash count. */
export function watchHealth(origin: string) {
  let running = true
  let checks = 0
  let failures = 0
  const polling = (async () => {
    while (running) {
      checks++
      await healthOf(origin).catch(() => failures++)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  })()
  return async () => {
    running = false
    await polling
    return { checks, failures }
  }
}

/** Opens `count` sockets that send nothing, from one address; returns their outcomes. */
export async function holdMany(target: HostileTarget, count: number) {
  const held = Array.from({ length: count }, () => holdSocket(target))
  onTestFinished(() => held.forEach((socket) => socket.close()))
  return { held, outcomes: await Promise.all(held.map((socket) => socket.outcome)) }
}
