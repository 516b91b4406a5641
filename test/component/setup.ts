import { afterEach } from 'vitest'
import { cleanup } from '@solidjs/testing-library'
import 'fake-indexeddb/auto'
import './happy-dom-fixes'
import { OfflineSocket } from './offline-socket'

// Set, not stubbed: tests that `vi.unstubAllGlobals()` their own stubs must not bring back
// happy-dom's socket for a connection that opens after them.
globalThis.WebSocket = OfflineSocket as unknown as typeof WebSocket

afterEach(() => {
  cleanup()
  localStorage.clear()
})
