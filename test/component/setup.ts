import { afterEach } from 'vitest'
import { cleanup } from '@solidjs/testing-library'
import 'fake-indexeddb/auto'
import './happy-dom-fixes'

afterEach(() => {
  cleanup()
  localStorage.clear()
})
