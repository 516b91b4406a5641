/**
 * A WebSocket that never connects: component tests run as a device that is offline. happy-dom
 * cannot open real sockets, and sync over real sockets is what the integration and e2e tests
 * cover.
 */
export class OfflineSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly OPEN = 1
  readyState = 0
  binaryType = 'arraybuffer'
  onopen = null
  onmessage = null
  onclose = null
  onerror = null
  send(): void {}
  close(): void {
    this.readyState = 3
  }
}
