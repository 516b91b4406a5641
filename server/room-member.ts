/** What a room needs from one connected client; the WebSocket behind it stays outside. */
export interface RoomMember {
  /** False for read-only tokens: their document updates are dropped, never applied. */
  readonly canWrite: boolean
  /** Sends one protocol message as one frame; a no-op once the connection is closing. */
  send(message: Uint8Array): void
  /**
   * Answers the member's own request (a sync step 2, all known presence) with the message `make`
   * builds, unless the member leaves what it was sent unread: it may not pile up answers, and
   * nothing is built for it then.
   */
  reply(make: () => Uint8Array): void
  /** Closes the connection with a WebSocket close code. */
  close(code: number, reason: string): void
  /**
   * The room applied presence this member spoke for (not an echo of others' presence, which the
   * stock client sends back for every change it receives). The edge charges its rate limit here.
   */
  presenceAccepted?(): void
}

/** WebSocket close codes the server uses (RFC 6455 and its registry). */
export const CLOSE_CODES = {
  /** The server is shutting down; the client should reconnect later. */
  goingAway: 1001,
  /** A message could not be decoded. */
  invalidData: 1007,
  /** The room failed (storage error); reconnecting reloads it from the store. */
  internalError: 1011,
} as const
