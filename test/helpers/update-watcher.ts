import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_SYNC } from '../../server/protocol'

/** A raw socket in a group that counts the update frames the server sends it. */
export interface UpdateWatcher {
  doc: Y.Doc
  /** Sync "update" frames received (not the sync step 2 that answered its own step 1). */
  readonly updateFrames: number
}

/**
 * Opens `/sync/<groupId>` with a plain `ws` socket, asks for the stored state (sync step 1) and
 * applies every sync frame to `doc`, counting the update frames one by one: what a stock
 * client would receive, but visible frame by frame. Resolves once the step 2 answer arrived.
 */
export async function watchUpdates(
  origin: string,
  groupId: string,
  token: string,
): Promise<UpdateWatcher> {
  const doc = new Y.Doc()
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/sync/${groupId}?token=${token}`)
  onTestFinished(() => socket.terminate())
  let updateFrames = 0
  let synced: () => void = () => {}
  const answered = new Promise<void>((resolve) => (synced = resolve))
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
    const syncType = decoding.readVarUint(decoder)
    if (syncType === syncProtocol.messageYjsSyncStep1) return
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    if (syncType === syncProtocol.messageYjsUpdate) updateFrames++
    else synced()
  })
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const step1 = encoding.createEncoder()
  encoding.writeVarUint(step1, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(step1, doc)
  socket.send(encoding.toUint8Array(step1))
  await answered
  return {
    doc,
    get updateFrames() {
      return updateFrames
    },
  }
}
