/**
 * The server's protective limits and the codes it refuses with. Every limit is configurable
 * (`server/config.ts` maps flags and environment variables onto {@link ServerLimits}); the
 * defaults suit a handful of reading groups on one small machine.
 */

/** Limits the sync server enforces at the edge, before a message reaches a room. */
export interface ServerLimits {
  /** Largest accepted WebSocket message; a bigger one closes the socket with 1009. */
  maxMessageBytes: number
  /** Sustained messages per second per connection (token bucket refill rate). */
  messagesPerSecond: number
  /** Messages a connection may send in a burst (token bucket size). */
  messageBurst: number
  /** Open WebSocket connections from one IP address; the next upgrade gets HTTP 429. */
  maxConnectionsPerIp: number
  /**
   * Connections accepted but not yet greeted by their room (its stored state still loading);
   * while this many wait, further upgrades get HTTP 503.
   */
  maxPendingConnections: number
  /** Messages one connection may send before its room has loaded; one more closes it (4503). */
  maxPendingMessages: number
  /**
   * Bytes that may wait unsent for a connection when it asks for more (a sync step 1, a presence
   * query); past it the connection is dropped, so that a member that stops reading cannot fill
   * the server's memory by asking for the group again and again. Updates and presence from
   * others always go out, and a first sync larger than this goes out whole.
   */
  maxUnsentBytes: number
}

/**
 * Defaults. 64 MiB fits the first sync of a large group (thousands of papers with abstracts
 * and annotations) in one message, as the stock client sends it.
 */
export const DEFAULT_LIMITS: ServerLimits = {
  maxMessageBytes: 64 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  maxConnectionsPerIp: 64,
  maxPendingConnections: 256,
  maxPendingMessages: 64,
  maxUnsentBytes: 16 * 1024 * 1024,
}

/**
 * WebSocket close codes of the edge (the room's own, 1001/1007/1011, are in `room-member.ts`).
 * 4000–4999 are free for applications (RFC 6455 §7.4.2); ours mirror the HTTP status they mean.
 */
export const EDGE_CLOSE_CODES = {
  /** A message over `maxMessageBytes` (ws sends it, without a reason text). */
  messageTooBig: 1009,
  /** The server is shutting down or restarting; reconnect later. */
  serviceRestart: 1012,
  /** The connection sent messages faster than its token bucket allows. */
  rateLimited: 4429,
  /** Too many messages queued while the room was still loading. */
  queueFull: 4503,
} as const
