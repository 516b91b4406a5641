import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@solidjs/testing-library'
import { App } from '../../client/app/App'

// A page with a rendering bug: the home page throws while it renders.
vi.mock('../../client/pages/HomePage', () => ({
  HomePage: () => {
    throw new RangeError('Invalid time value')
  },
}))

afterEach(() => {
  history.replaceState(null, '', '#')
  vi.restoreAllMocks()
})

describe('App when a page fails to render', () => {
  it('says so calmly, with a reload and a way home, and the next page shows again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    history.replaceState(null, '', '#')
    render(() => <App />)

    expect(
      screen.getByRole('heading', { name: 'Something on this page could not be shown' }),
    ).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Go to your groups' }).getAttribute('href')).toBe('#')
    expect(logged).toHaveBeenCalled()

    location.hash = '#new'
    fireEvent(window, new HashChangeEvent('hashchange'))
    expect(screen.queryByRole('heading', { name: /could not be shown/ })).toBeNull()
    // The new-group page's code loads when it is first opened.
    expect(await screen.findByRole('heading', { name: /new group/i })).toBeTruthy()
  })
})
