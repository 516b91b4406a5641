import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeAwareness,
} from './protocol'
import { CLOSE_CODES, type RoomMember } from './room-member'
import type { Room } from './room'

/**
 * Handles one frame from a member of a loaded room. A frame that cannot be decoded closes that
 * member's connection only; the room and the other members carry on.
 */
export async function handleMessage(
  room: Room,
  member: RoomMember,
  message: Uint8Array,
): Promise<void> {
  try {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) await handleSync(room, member, decoder)
    else if (type === MESSAGE_AWARENESS) {
      room.applyAwareness(member, decoding.readVarUint8Array(decoder))
    } else if (type === MESSAGE_QUERY_AWARENESS) member.send(encodeAwareness(room.awareness))
    // Other types (auth, custom) are not part of this server's protocol: ignored, as the
    // reference server does, so a newer client does not get disconnected.
  } catch {
    member.close(CLOSE_CODES.invalidData, 'malformed message')
  }
}

async function handleSync(
  room: Room,
  member: RoomMember,
  decoder: decoding.Decoder,
): Promise<void> {
  const syncType = decoding.readVarUint(decoder)
  if (syncType === syncProtocol.messageYjsSyncStep1) {
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MESSAGE_SYNC)
    syncProtocol.readSyncStep1(decoder, reply, room.doc)
    member.send(encoding.toUint8Array(reply))
  } else if (
    syncType === syncProtocol.messageYjsSyncStep2 ||
    syncType === syncProtocol.messageYjsUpdate
  ) {
    const update = decoding.readVarUint8Array(decoder)
    // Read-only members still sync and show presence; their edits stay on their device.
    if (member.canWrite) await room.applyUpdate(member, update)
  } else {
    throw new Error(`unknown sync message type ${syncType}`)
  }
}
