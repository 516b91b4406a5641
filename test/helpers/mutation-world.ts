/**
 * The state of one run of the convergence properties: the replicas' network, the devices (who
 * uses each, and its clock), what the run made so far, and the suite's tally.
 */
import type { Pick } from '../fixtures/mutation-ops'
import type { ReplicaNetwork } from './replica-network'

/** A device: which member uses it, and its clock (epoch ms, possibly skewed). */
export interface Device {
  member: string
  clock: number
}

/** A round closed during the run, with the closing replica's state just before the close. */
export interface Closing {
  roundId: string
  device: number
  before: Uint8Array
}

/** Everything a run made that later mutations may refer to, in the order it was made. */
export interface Made {
  annotations: Array<{ id: string; author: string }>
  comments: Array<{ id: string; author: string }>
  rounds: string[]
  meetings: string[]
  closings: Closing[]
}

/** Counts over every run of the suite. */
export interface Tally {
  applied: Map<string, number>
  /** By mutation and error code. */
  refused: Map<string, number>
  /** Refusals of inputs generated invalid on purpose. */
  invalidRefused: number
  /** Notes edits on a meeting the replica does not have (nothing to edit, nothing thrown). */
  notesSkipped: number
}

/** An empty tally. */
export function createTally(): Tally {
  return { applied: new Map(), refused: new Map(), invalidRefused: 0, notesSkipped: 0 }
}

/** Adds one to a tally's count. */
export const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

/** One run: the network, its devices, and what was made so far. */
export interface World {
  net: ReplicaNetwork
  devices: Device[]
  made: Made
  tally: Tally
}

/** The id a pick stands for: the pick-th thing made (by the acting member, with `own`). */
export function resolve(
  list: Array<string | { id: string; author: string }>,
  p: Pick,
  member?: string,
) {
  if (typeof p === 'string') return p
  const own = list.filter((item) => typeof item !== 'string' && item.author === member)
  // Nothing of one's own yet: someone else's, which the model refuses to change.
  const pool = member && own.length > 0 ? own : list
  const item = pool[p % Math.max(1, pool.length)]
  if (item === undefined) return 'missing'
  return typeof item === 'string' ? item : item.id
}
