import type { WebSocket } from 'ws'
import type { ConnectionGate } from './connection-gate'
import { EDGE_CLOSE_CODES, type ServerLimits } from './limits'
import type { Logger } from './logger'
import type { ServerMetrics } from './metrics'
import { TokenBucket } from './rate-limit'
import { MESSAGE_AWARENESS } from './protocol'
import type { RoomRegistry } from './room-registry'
import { SocketMember } from './socket-member'

/** How many more raw presence frames than messages a connection may send (echoes included). */
const PRESENCE_FRAME_FACTOR = 20

/** What {@link acceptConnection} needs from the server around it. */
export interface ConnectionContext {
  rooms: RoomRegistry
  gate: ConnectionGate
  limits: ServerLimits
  metrics: ServerMetrics
  logger: Logger
  members: Map<WebSocket, SocketMember>
}

/** An upgraded connection that the upgrade check let through. */
export interface AcceptedConnection {
  ws: WebSocket
  ip: string
  groupId: string
  access: 'read' | 'write'
}

/**
 * Wires an upgraded socket to its group's room, with the per-connection limits in front: the
 * token bucket (4429), the queue of messages sent before the room loaded (4503), the size limit
 * that `ws` itself enforces (1009), and the bytes a peer may leave unread (dropped). A refused connection is logged and counted; the room
 * and every other member carry on.
 */
export function acceptConnection(context: ConnectionContext, accepted: AcceptedConnection): void {
  const { ws, ip, groupId, access } = accepted
  const { rooms, gate, limits, metrics, logger } = context
  const member: SocketMember = new SocketMember(
    ws,
    access === 'write',
    {
      onSent: (bytes) => {
        metrics.messagesOut++
        metrics.bytesOut += bytes
      },
      onGreeted: () => gate.greeted(member),
      onNotReading: () => {
        if (member.refused) return
        member.refused = true
        metrics.refused('not-reading')
        logger.warn('sync.limit', `over ${limits.maxUnsentBytes} bytes left unread`, {
          reason: 'not-reading',
          groupId,
          ip,
        })
        // A close frame would wait behind what the peer is not reading: drop it at once.
        ws.terminate()
      },
    },
    limits.maxUnsentBytes,
  )
  context.members.set(ws, member)
  gate.opened(ip, member)
  logger.info('sync.open', `sync connection opened (${access})`, { groupId, access, ip })
  const bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
  // Presence frames are mostly echoes of others' presence, which the stock client sends back
  // for every change it receives, so they scale with the room, not with this member. They are
  // charged to `bucket` only when the room applies presence this member spoke for; raw presence
  // frames only have a coarse cap of their own, so that a flood of junk still ends.
  const presenceFrames = new TokenBucket(
    limits.messagesPerSecond * PRESENCE_FRAME_FACTOR,
    limits.messageBurst * PRESENCE_FRAME_FACTOR,
  )
  member.onPresenceAccepted = () => {
    if (!member.refused && !bucket.take()) {
      refuse('rate-limited', EDGE_CLOSE_CODES.rateLimited, 'message rate limit exceeded')
    }
  }
  let messagesBeforeGreeting = 0

  const refuse = (reason: string, code: number, msg: string) => {
    member.refused = true
    metrics.refused(reason)
    logger.warn('sync.limit', msg, { reason, code, groupId, ip })
    member.close(code, reason)
  }

  const room = rooms.join(groupId, member)
  ws.on('message', (data: Buffer, isBinary) => {
    member.alive = true
    if (member.refused) return
    metrics.messagesIn++
    metrics.bytesIn += data.byteLength
    const presence = data.byteLength > 0 && data[0] === MESSAGE_AWARENESS
    if (!(presence ? presenceFrames : bucket).take()) {
      return refuse('rate-limited', EDGE_CLOSE_CODES.rateLimited, 'message rate limit exceeded')
    }
    if (!member.greeted && ++messagesBeforeGreeting > limits.maxPendingMessages) {
      return refuse('queue-full', EDGE_CLOSE_CODES.queueFull, 'too many messages while loading')
    }
    if (isBinary) room.receive(member, new Uint8Array(data))
  })
  ws.on('pong', () => {
    member.alive = true
  })
  ws.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      // ws has already closed the socket with 1009 (Message Too Big).
      metrics.refused('message-too-big')
      logger.warn('sync.limit', `message over ${limits.maxMessageBytes} bytes`, {
        reason: 'message-too-big',
        code: EDGE_CLOSE_CODES.messageTooBig,
        groupId,
        ip,
      })
    } else {
      logger.warn('sync.socket-error', error.message, { groupId, ip })
    }
  })
  ws.on('close', (code) => {
    context.members.delete(ws)
    gate.closed(ip, member)
    room.leave(member)
    logger.info('sync.close', `sync connection closed (${code})`, { groupId, code, ip })
  })
}
