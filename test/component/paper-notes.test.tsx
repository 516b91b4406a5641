import { describe, expect, it } from 'vitest'
import { fireEvent, screen, within } from '@solidjs/testing-library'
import { listAnnotations } from '../../shared/model'
import { ADA } from '../fixtures/group'
import { highlight, paperDoc, renderPaper, selectInAbstract, settle } from './paper-page-setup'

const noteBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' })

describe('notes being written on a paper', () => {
  it('keeps a new note’s text through Cancel and Escape, for when the passage is chosen again', () => {
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id)
    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    fireEvent.input(noteBox(), { target: { value: 'Half a thought' } })
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull()

    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    expect(noteBox().value).toBe('Half a thought')
    fireEvent.keyDown(noteBox(), { key: 'Escape' })
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull()

    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    expect(noteBox().value).toBe('Half a thought')
    expect(listAnnotations(doc, paper.id)).toEqual([])
  })

  it('reopens an unsaved new note after a reload, and saves it on its passage', async () => {
    const { doc, paper } = paperDoc()
    const first = renderPaper(doc, paper.id)
    selectInAbstract('central component')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    fireEvent.input(noteBox(), { target: { value: 'Written before the reload' } })
    first.unmount()
    document.getSelection()?.removeAllRanges()

    renderPaper(doc, paper.id)
    const composer = screen.getByRole('region', { name: 'New note' })
    expect(within(composer).getByText('central component')).toBeTruthy()
    expect(noteBox().value).toBe('Written before the reload')
    // Brought back, not pushed at the member: the keyboard stays where the page starts.
    expect(document.activeElement).not.toBe(noteBox())
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }))
    const [made] = listAnnotations(doc, paper.id)
    expect(made).toMatchObject({ note: 'Written before the reload' })
    expect(made?.target.quote.exact).toBe('central component')

    await settle()
    expect(screen.queryByRole('region', { name: 'New note' })).toBeNull()
  })

  it('lets the member throw a kept draft away', () => {
    const { doc, paper } = paperDoc()
    const first = renderPaper(doc, paper.id)
    selectInAbstract('replay helps')
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    fireEvent.input(noteBox(), { target: { value: 'Not worth keeping' } })
    first.unmount()

    const second = renderPaper(doc, paper.id)
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }))
    expect(noteBox().value).toBe('')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    second.unmount()

    renderPaper(doc, paper.id)
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull()
  })

  it('keeps an edit of a note through Cancel, until saved or discarded', () => {
    const { doc, paper } = paperDoc()
    highlight(doc, ADA, paper, 'central component', 'First thought')
    renderPaper(doc, paper.id)
    fireEvent.click(screen.getByRole('button', { name: 'Edit note' }))
    fireEvent.input(noteBox(), { target: { value: 'Second thought' } })
    fireEvent.keyDown(noteBox(), { key: 'Escape' })
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Edit note' }))
    expect(noteBox().value).toBe('Second thought')
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }))
    expect(noteBox().value).toBe('First thought')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(screen.getByRole('button', { name: 'Edit note' }))
    expect(noteBox().value).toBe('First thought')
    expect(listAnnotations(doc, paper.id)[0]?.note).toBe('First thought')
  })
})
