import { afterEach, vi } from 'vitest'
import { cleanup } from '@solidjs/testing-library'
import 'fake-indexeddb/auto'
import './happy-dom-fixes'
import { OfflineSocket } from './offline-socket'

vi.stubGlobal('WebSocket', OfflineSocket)

afterEach(() => {
  cleanup()
  localStorage.clear()
})
