import { describe, expect, it } from 'vitest'
import { screen } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { listAnnotations, selectorsFor } from '../../shared/model'
import { ABSTRACT, paperDoc, renderPaper, settle } from './paper-page-setup'

const FIND = 'Find a passage to highlight'
const finder = () => screen.getByRole<HTMLInputElement>('searchbox', { name: FIND })
/** What the finder says, in the live region that describes it. */
const findStatus = () => document.getElementById(finder().getAttribute('aria-describedby') ?? '')
const toolbar = () => screen.queryByRole('group', { name: 'Selected passage' })

/** Tabs from the top of the page to the finder, as a keyboard user would get there. */
async function tabToFinder(user: ReturnType<typeof userEvent.setup>) {
  for (let i = 0; i < 50 && document.activeElement !== finder(); i++) await user.tab()
  expect(document.activeElement).toBe(finder())
}

describe('highlighting from the keyboard', () => {
  it('finds typed words whatever their case and selects them; Enter on Highlight keeps them', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    const user = userEvent.setup()
    await tabToFinder(user)
    await user.keyboard('REPLAY helps{Enter}')

    expect(findStatus()?.textContent).toBe('1 of 1 match')
    expect(document.getSelection()?.toString()).toBe('replay helps')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Highlight' }))
    expect(toolbar()).toBeTruthy()
    await user.keyboard('{Enter}')

    const start = ABSTRACT.indexOf('replay helps')
    const [made] = listAnnotations(doc, paper.id)
    expect(made?.target).toEqual({
      source: paper.id,
      ...selectorsFor(ABSTRACT, start, start + 'replay helps'.length),
    })
    await settle()
    expect(toolbar()).toBeNull()
    // Back where the member started, to find the next passage.
    expect(document.activeElement).toBe(finder())
  })

  it('steps through matches across line breaks, and adds a note to the one chosen', async () => {
    const abstract = 'Replay helps. We show that replay\n   HELPS networks remember.'
    const { doc, paper } = paperDoc({ abstract })
    renderPaper(doc, paper.id)
    const user = userEvent.setup()
    await tabToFinder(user)
    await user.paste('replay helps')
    await user.keyboard('{Enter}')
    expect(findStatus()?.textContent).toBe('1 of 2 matches')
    expect(document.getSelection()?.toString()).toBe('Replay helps')

    // Escape leaves the passage and goes back to the finder; Enter shows the next one.
    await user.keyboard('{Escape}')
    expect(toolbar()).toBeNull()
    expect(document.activeElement).toBe(finder())
    await user.keyboard('{Enter}')
    expect(findStatus()?.textContent).toBe('2 of 2 matches')
    expect(document.getSelection()?.toString()).toBe('replay\n   HELPS')

    await user.tab() // the colours
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add note' }))
    await user.keyboard('{Enter}')
    await user.keyboard('Why again?{Control>}{Enter}{/Control}')

    const start = abstract.indexOf('replay\n')
    const [made] = listAnnotations(doc, paper.id)
    expect(made).toMatchObject({ note: 'Why again?' })
    expect(made?.target).toEqual({
      source: paper.id,
      ...selectorsFor(abstract, start, abstract.indexOf(' networks')),
    })
  })

  it('says when nothing matches, and selects and writes nothing', async () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    const user = userEvent.setup()
    await tabToFinder(user)
    await user.keyboard('quantum gravity{Enter}')

    expect(findStatus()?.textContent).toBe('No match in the abstract for “quantum gravity”.')
    expect(findStatus()?.getAttribute('role')).toBe('status')
    expect(toolbar()).toBeNull()
    expect(document.getSelection()?.toString() ?? '').toBe('')
    expect(document.activeElement).toBe(finder())
    expect(listAnnotations(doc, paper.id)).toEqual([])
  })

  it('is not offered on a read-only link', () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id, { canWrite: false })
    expect(screen.getByText(/invite link is read-only/)).toBeTruthy()
    expect(screen.queryByRole('searchbox', { name: FIND })).toBeNull()
  })
})
