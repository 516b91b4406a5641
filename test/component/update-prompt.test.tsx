import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { UpdateBanner, UpdatePrompt } from '../../client/components/UpdatePrompt'
import { createAppUpdate } from '../../client/pwa/create-app-update'
import type {
  ServiceWorkerControl,
  ServiceWorkerEvents,
} from '../../client/pwa/register-service-worker'

const QUESTION = 'A new version of Margins is ready.'

/** Renders the banner for a fake service worker. */
function renderBanner(worker: ReturnType<typeof fakeServiceWorker>) {
  return render(() => {
    const update = createAppUpdate(worker.register)
    return <UpdateBanner update={update} />
  })
}

/** A stand-in for the service worker registration that the test drives by hand. */
function fakeServiceWorker() {
  let events: ServiceWorkerEvents | undefined
  const control: ServiceWorkerControl = { applyUpdate: vi.fn(), stop: vi.fn() }
  const register = (given: ServiceWorkerEvents) => {
    events = given
    return control
  }
  return { register, control, updateReady: () => events?.onUpdateReady() }
}

describe('UpdatePrompt', () => {
  it('shows nothing and registers nothing where there is no service worker', () => {
    expect('serviceWorker' in navigator).toBe(false)
    const { container } = render(() => <UpdatePrompt />)
    expect(container.textContent).toBe('')
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('asks once a new version waits, in a live region, and reloads into it on request', async () => {
    const user = userEvent.setup()
    const worker = fakeServiceWorker()
    const { container } = renderBanner(worker)
    const live = container.querySelector('[aria-live="polite"]')
    expect(live?.textContent).toBe('')

    worker.updateReady()
    expect(live?.textContent).toContain(QUESTION)
    expect(screen.getByRole('group', { name: QUESTION })).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Reload' }))
    expect(worker.control.applyUpdate).toHaveBeenCalledTimes(1)
    const pending = screen.getByRole('button', { name: 'Reloading…' }) as HTMLButtonElement
    expect(pending.disabled).toBe(true)
  })

  it('goes away on "Later" without updating, and comes back for a later version', async () => {
    const user = userEvent.setup()
    const worker = fakeServiceWorker()
    renderBanner(worker)
    worker.updateReady()

    await user.click(screen.getByRole('button', { name: 'Later' }))
    expect(screen.queryByText(QUESTION)).toBeNull()
    expect(worker.control.applyUpdate).not.toHaveBeenCalled()

    worker.updateReady()
    expect(screen.getByText(QUESTION)).toBeTruthy()
  })

  it('stops checking for updates when the app goes away', () => {
    const worker = fakeServiceWorker()
    const { unmount } = renderBanner(worker)
    unmount()
    expect(worker.control.stop).toHaveBeenCalledTimes(1)
  })
})
