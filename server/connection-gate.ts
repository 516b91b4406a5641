import type { ServerLimits } from './limits'

/** Why the gate refused an upgrade, with the HTTP status it answers. */
export type GateRefusal =
  { status: 429; reason: 'too-many-connections-from-ip' } | { status: 503; reason: 'pending-full' }

/**
 * Counts open sync connections per IP address, and those still waiting for their room to load,
 * so that one address cannot take every socket and a slow store cannot pile up connections
 * without bound. Purely bookkeeping: the caller refuses and closes.
 */
export class ConnectionGate {
  private readonly perIp = new Map<string, number>()
  private readonly waiting = new Set<object>()

  constructor(
    private readonly limits: Pick<ServerLimits, 'maxConnectionsPerIp' | 'maxPendingConnections'>,
  ) {}

  /** Connections accepted whose room has not greeted them yet. */
  get pending(): number {
    return this.waiting.size
  }

  /** Whether one more connection from `ip` may be accepted now. */
  check(ip: string): GateRefusal | undefined {
    if ((this.perIp.get(ip) ?? 0) >= this.limits.maxConnectionsPerIp) {
      return { status: 429, reason: 'too-many-connections-from-ip' }
    }
    if (this.waiting.size >= this.limits.maxPendingConnections) {
      return { status: 503, reason: 'pending-full' }
    }
    return undefined
  }

  /** A connection from `ip` was accepted; it waits until {@link greeted}. */
  opened(ip: string, connection: object): void {
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1)
    this.waiting.add(connection)
  }

  /** The connection's room has loaded and greeted it. Safe to call more than once. */
  greeted(connection: object): void {
    this.waiting.delete(connection)
  }

  /** The connection closed, greeted or not. Call once per {@link opened}. */
  closed(ip: string, connection: object): void {
    this.waiting.delete(connection)
    const left = (this.perIp.get(ip) ?? 1) - 1
    if (left > 0) this.perIp.set(ip, left)
    else this.perIp.delete(ip)
  }
}
