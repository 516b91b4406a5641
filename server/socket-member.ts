import { WebSocket } from 'ws'
import type { RoomMember } from './room-member'

/** What a {@link SocketMember} reports to the server around it. */
export interface SocketMemberHooks {
  /** A frame of `bytes` bytes was handed to the socket. */
  onSent(bytes: number): void
  /** The room sent its first message: its stored state is loaded and the member greeted. */
  onGreeted(): void
  /** The peer asked for more while over `maxUnsentBytes` of answers wait unsent. */
  onNotReading(): void
}

/** A room member backed by a `ws` socket, with the liveness flag the ping sweep uses. */
export class SocketMember implements RoomMember {
  /** Cleared by each ping sweep, set again by any pong or message. */
  alive = true
  /** True once the room has sent anything: a room only talks to a member after its load. */
  greeted = false
  /** Set when the edge closed the socket for a limit; its later messages are ignored. */
  refused = false
  /** Called when the room applied presence this member spoke for. */
  onPresenceAccepted: (() => void) | undefined

  presenceAccepted(): void {
    this.onPresenceAccepted?.()
  }

  constructor(
    private readonly socket: WebSocket,
    readonly canWrite: boolean,
    private readonly hooks: SocketMemberHooks,
    private readonly maxUnsentBytes = Infinity,
  ) {}

  /** Sends one frame if the socket is open; a failed write drops the socket. */
  send(message: Uint8Array): void {
    if (!this.greeted) {
      this.greeted = true
      this.hooks.onGreeted()
    }
    this.write(message)
  }

  /**
   * Answers a request of the peer's, unless more than `maxUnsentBytes` still wait unsent: then
   * the peer keeps asking without reading, and the socket is dropped instead. Other messages
   * always go, so a slow link downloading a large first sync is never cut off by the updates
   * that follow it.
   */
  reply(make: () => Uint8Array): void {
    if (this.socket.bufferedAmount > this.maxUnsentBytes) {
      this.hooks.onNotReading()
      return
    }
    this.send(make())
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
    this.write(keepAliveMessage)
  }

  private write(message: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return
    this.hooks.onSent(message.byteLength)
    this.socket.send(message, (error) => {
      // A failed write means the peer is gone; the close event then removes it from the room.
      if (error) this.socket.terminate()
    })
  }
}
