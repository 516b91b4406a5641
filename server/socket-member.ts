import { WebSocket } from 'ws'
import type { RoomMember } from './room-member'

/** A room member backed by a `ws` socket, with the liveness flag the ping sweep uses. */
export class SocketMember implements RoomMember {
  /** Cleared by each ping sweep, set again by any pong or message. */
  alive = true

  constructor(
    private readonly socket: WebSocket,
    readonly canWrite: boolean,
  ) {}

  /** Sends one frame if the socket is open; a failed write drops the socket. */
  send(message: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return
    this.socket.send(message, (error) => {
      // A failed write means the peer is gone; the close event then removes it from the room.
      if (error) this.socket.terminate()
    })
  }

  /** Starts the close handshake with `code`, if the socket is still open. */
  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, reason)
  }

  /** Sends a WebSocket ping, unless the previous one went unanswered; then drops the peer. */
  checkAlive(keepAliveMessage: Uint8Array): void {
    if (!this.alive) {
      this.socket.terminate()
      return
    }
    this.alive = false
    if (this.socket.readyState !== WebSocket.OPEN) return
    this.socket.ping()
    // Browsers never show pings to scripts, and the stock client drops a connection that
    // received no message for 30 s; an empty awareness update is a valid message that changes
    // nothing, so an idle client with no presence of its own stays connected.
    this.send(keepAliveMessage)
  }
}
