import { describe, expect, it } from 'vitest'
import { createSignal } from 'solid-js'
import { fireEvent, render, screen } from '@solidjs/testing-library'
import { addPaper, addTag, tagsOf } from '../../shared/model'
import { PaperTags } from '../../client/components/paper/PaperTags'
import { PaperContext, type PaperContextValue } from '../../client/components/paper/paper-context'
import { ADA, paperInput } from '../fixtures/group'
import { createTestGroupView } from '../helpers/test-group-view'
import { paperDoc, renderPaper, selectInAbstract, settle } from './paper-page-setup'

describe('moving from one paper to another', () => {
  it('starts the next paper fresh: no note composer, selection or undo offer of the last one', async () => {
    const { doc, paper } = paperDoc()
    const { paper: next } = addPaper(
      doc,
      ADA,
      paperInput({ title: 'The next paper', abstract: 'Another abstract, about something else.' }),
    )
    addTag(doc, ADA, paper.id, 'replay')
    const { navigate } = renderPaper(doc, paper.id)

    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), {
      target: { value: 'About the first paper' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag replay' }))
    await settle()
    expect(screen.getByText('Tag “replay” removed.')).toBeTruthy()

    navigate(next.id)
    await settle()
    expect(screen.getByRole('heading', { name: 'The next paper' })).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'New note' })).toBeNull()
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull()
    expect(screen.queryByText('Tag “replay” removed.')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
    expect(document.querySelector('.abstract-text')?.textContent).toBe(
      'Another abstract, about something else.',
    )

    // The note is kept for the first paper, and comes back there.
    navigate(paper.id)
    await settle()
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' }).value).toBe(
      'About the first paper',
    )
  })

  it('puts a removed tag back on the paper it was removed from', () => {
    const { doc, paper } = paperDoc()
    const { paper: other } = addPaper(doc, ADA, paperInput({ title: 'Other' }))
    addTag(doc, ADA, paper.id, 'replay')
    let undo: (() => void) | undefined
    const [shown, setShown] = createSignal(paper.id)
    render(() => {
      const view = createTestGroupView(doc)
      const context = {
        view,
        paperId: shown,
        announce: () => {},
        offerUndo: (_message: string, action: () => void) => (undo = action),
      } as unknown as PaperContextValue
      return (
        <PaperContext.Provider value={context}>
          <PaperTags tags={tagsOf(doc, paper.id)} counts={[]} />
        </PaperContext.Provider>
      )
    })
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag replay' }))
    expect(tagsOf(doc, paper.id)).toEqual([])
    setShown(other.id)
    undo?.()
    expect(tagsOf(doc, paper.id).map((t) => t.tag)).toEqual(['replay'])
    expect(tagsOf(doc, other.id)).toEqual([])
  })
})
