import type { GroupKeys } from '../../shared/invite'
import { SOAK_ARRAY, SoakClient, type SoakFault } from './soak-client'
import type { RelayLedger } from './soak-ledger'
import { connectSyncClient, type SyncClient } from './sync-client'
import { waitFor } from './wait-for'

/** How the soak spreads its connections over each group. */
export interface SoakPlan {
  /** Connections per group: one stock client, `writers` raw writers, the rest raw readers. */
  perGroup: number
  writers: number
}

/** One group of the soak and its members. */
export interface SoakGroup {
  keys: GroupKeys
  /** A stock y-websocket client with a full Y.Doc, to check convergence. */
  stock: SyncClient
  /** Raw members with the write key that send updates. */
  writers: SoakClient[]
  /** Raw members with the read key that only receive. */
  readers: SoakClient[]
}

function syncUrl(origin: string, keys: GroupKeys, token: string): string {
  return `${origin.replace(/^http/, 'ws')}/sync/${keys.groupId}?token=${token}`
}

/**
 * Opens every connection of `plan`, one round per member position across all groups (so a
 * round loads at most one room per group), and resolves once each member has synced. A stock
 * client closed by anyone but the test is reported to `fault`.
 */
export async function openPopulation(
  origin: string,
  keys: GroupKeys[],
  plan: SoakPlan,
  ledger: RelayLedger,
  fault: SoakFault,
): Promise<SoakGroup[]> {
  const stocks = await Promise.all(
    keys.map(async (groupKeys) => {
      const stock = await connectSyncClient(origin, groupKeys.groupId, groupKeys.writeKey)
      stock.provider.on('connection-close', (event) => {
        if (stock.provider.shouldConnect) fault(`stock client closed with ${event?.code}`)
      })
      stock.provider.on('connection-error', () => fault('stock client connection error'))
      return stock
    }),
  )
  const groups: SoakGroup[] = keys.map((groupKeys, i) => ({
    keys: groupKeys,
    stock: stocks[i]!,
    writers: [],
    readers: [],
  }))
  for (let position = 1; position < plan.perGroup; position++) {
    const round = groups.map((group) => {
      const writes = position <= plan.writers
      const token = writes ? group.keys.writeKey : group.keys.readKey
      const client = new SoakClient(syncUrl(origin, group.keys, token), ledger, fault)
      ;(writes ? group.writers : group.readers).push(client)
      return client
    })
    const synced = () => round.every((c) => c.synced)
    await waitFor(`round ${position} of connections to sync`, synced, 15_000)
  }
  return groups
}

/** Members of `group` that receive through the ledger: every raw socket, writers included. */
export function rawMembers(group: SoakGroup): SoakClient[] {
  return [...group.writers, ...group.readers]
}

/** Updates the writers of `group` sent, as the ledger recorded them. */
export function sentIn(group: SoakGroup, ledger: RelayLedger): number {
  return group.writers.reduce((sum, writer) => sum + ledger.sentBy(writer.doc.clientID), 0)
}

/** How many items the stock client of `group` has in the soak array. */
export function stockItems(group: SoakGroup): number {
  return group.stock.doc.getArray(SOAK_ARRAY).length
}

/**
 * Closes every raw socket with 1000 and destroys every stock client; resolves with each
 * close code the raw sockets ended with, counted (e.g. `{ 1000: 450 }`).
 */
export async function closePopulation(groups: SoakGroup[]): Promise<Record<number, number>> {
  const codes: Record<number, number> = {}
  for (const group of groups) group.stock.close()
  const ended = await Promise.all(
    groups.flatMap((group) => rawMembers(group).map((c) => c.close())),
  )
  for (const code of ended) codes[code] = (codes[code] ?? 0) + 1
  return codes
}

/** Each writer sends one update every `editMs`, spread evenly, until `durationMs` is up. */
export async function runEdits(
  writers: SoakClient[],
  durationMs: number,
  editMs: number,
): Promise<void> {
  const start = performance.now()
  const due = writers.map((_, i) => start + (i * editMs) / writers.length)
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      const now = performance.now()
      if (now - start >= durationMs) {
        clearInterval(ticker)
        resolve()
        return
      }
      writers.forEach((writer, i) => {
        if (due[i]! > now) return
        writer.edit()
        // A late tick sends once, not a burst to catch up: the rate stays steady.
        due[i] = Math.max(due[i]! + editMs, now)
      })
    }, 5)
  })
}
