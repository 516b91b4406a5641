/**
 * The server's side of a cold start: loading a group's room from SQLite the way a room does
 * (server/room.ts `load`: read the stored rows, apply each to a new document), next to the
 * floor (Y.applyUpdate of the same state in Node, the bytes already in memory).
 */
import * as Y from 'yjs'
import { createSqliteStore } from '../server/store/sqlite-store'
import { tempDir } from './cold-start-app'
import { median } from './measure'

/** Median milliseconds over `runs` runs. */
export interface RoomLoad {
  /** store.read and applying every row, in a freshly opened store each run. */
  room: number
  /** The SQLite read alone. */
  read: number
  /** Y.applyUpdate of the state alone. */
  floor: number
  /** Rows the group is stored in. */
  rows: number
}

/**
 * Stores `state` as one row (what a compacted group is), then times room loads. Each run opens
 * the database anew, as a server that has just started does; the OS file cache stays warm.
 */
export async function roomLoad(state: Uint8Array, runs: number): Promise<RoomLoad> {
  const dataDir = await tempDir('margins-bench-room-')
  const groupId = 'bench-room-load-group0'
  const setup = createSqliteStore({ dataDir })
  await setup.append(groupId, state)
  await setup.close()
  const room: number[] = []
  const read: number[] = []
  const floor: number[] = []
  let rows = 0
  for (let i = 0; i < runs; i++) {
    const store = createSqliteStore({ dataDir })
    let start = performance.now()
    const stored = await store.read(groupId)
    const readDone = performance.now()
    const doc = new Y.Doc()
    Y.transact(doc, () => {
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    room.push(performance.now() - start)
    read.push(readDone - start)
    rows = stored.updates.length
    await store.close()
    doc.destroy()
    start = performance.now()
    Y.applyUpdate(new Y.Doc(), state)
    floor.push(performance.now() - start)
  }
  return { room: median(room), read: median(read), floor: median(floor), rows }
}
