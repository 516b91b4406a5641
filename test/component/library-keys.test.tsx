import { afterEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { addPaper } from '../../shared/model'
import { paperHref } from '../../client/app/route'
import { groupDoc, paperInput } from '../fixtures/group'
import { renderLibrary } from './library-view'

afterEach(() => {
  sessionStorage.clear()
  location.hash = ''
})

const focusedTitle = () => {
  const card = document.activeElement as HTMLElement
  expect(card.tagName).toBe('ARTICLE')
  return within(card).getAllByRole('link')[0]!.textContent
}

function group() {
  const doc = groupDoc()
  const at = (hour: number) => ({ memberId: 'ada', now: Date.UTC(2026, 2, 1, hour) })
  const papers = ['First', 'Second', 'Third'].map(
    (title, i) => addPaper(doc, at(10 - i), paperInput({ title })).paper,
  )
  return { doc, papers }
}

describe('library keyboard', () => {
  it('moves between papers with j/k and the arrow keys, and opens one with Enter', async () => {
    const { doc, papers } = group()
    const { view } = renderLibrary(doc)
    const user = userEvent.setup()
    const feed = screen.getByRole('feed', { name: 'Papers' })
    const cards = within(feed).getAllByRole('article')
    expect(
      cards.map((c) => [c.getAttribute('aria-posinset'), c.getAttribute('aria-setsize')]),
    ).toEqual([
      ['1', '3'],
      ['2', '3'],
      ['3', '3'],
    ])
    // Only the current card is in the tab order.
    expect(cards.map((c) => c.tabIndex)).toEqual([0, -1, -1])

    await user.keyboard('j')
    expect(focusedTitle()).toBe('First')
    await user.keyboard('j')
    expect(focusedTitle()).toBe('Second')
    await user.keyboard('{ArrowDown}')
    expect(focusedTitle()).toBe('Third')
    await user.keyboard('j')
    expect(focusedTitle()).toBe('Third')
    await user.keyboard('k')
    expect(focusedTitle()).toBe('Second')
    expect(
      within(feed)
        .getAllByRole('article')
        .map((c) => c.tabIndex),
    ).toEqual([-1, 0, -1])
    await user.keyboard('{ArrowUp}')
    expect(focusedTitle()).toBe('First')
    await user.keyboard('{End}')
    expect(focusedTitle()).toBe('Third')

    await user.keyboard('{Enter}')
    expect(location.hash).toBe(paperHref(view.groupId, papers[2]!.id))
  })

  it('jumps to the search box with "/" and leaves letters typed there alone', async () => {
    const { doc } = group()
    renderLibrary(doc, { memberId: 'ada' })
    const user = userEvent.setup()
    await user.keyboard('/')
    const box = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search papers' })
    expect(document.activeElement).toBe(box)
    await user.keyboard('jk/')
    expect(box.value).toBe('jk/')
  })

  it('brings back focus to the paper the reader opened', async () => {
    const { doc, papers } = group()
    const options = { memberId: 'ada', groupId: 'keys-back' }
    const first = renderLibrary(doc, options)
    await userEvent.click(screen.getByRole('link', { name: 'Second' }))
    expect(location.hash).toBe(paperHref('keys-back', papers[1]!.id))
    first.unmount()

    renderLibrary(doc, options)
    await new Promise((resolve) => requestAnimationFrame(resolve))
    expect(focusedTitle()).toBe('Second')
  })

  it('leaves j, k and "/" to a dialog that is open over the library', async () => {
    const { doc } = group()
    renderLibrary(doc, { memberId: 'ada' })
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Add papers' }))
    // The dialog's code loads when it is first opened.
    const dialog = await screen.findByRole('dialog', { name: 'Add papers' })
    const inDialog = within(dialog).getByRole('button', { name: 'Cancel' })
    inDialog.focus()

    for (const key of ['j', 'k', '/']) {
      // fireEvent returns false when a listener called preventDefault (which would stop the
      // page behind from scrolling, or a key meant for the dialog).
      expect(fireEvent.keyDown(inDialog, { key }), key).toBe(true)
      expect(document.activeElement, key).toBe(inDialog)
    }
    // With focus nowhere in particular, the open dialog still holds the keys.
    inDialog.blur()
    expect(fireEvent.keyDown(document.body, { key: 'j' })).toBe(true)
    expect(document.activeElement?.closest('article')).toBeNull()
  })
})
