import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { createMeeting, meetingNotes } from '../../shared/model'
import { MeetingPage } from '../../client/pages/MeetingPage'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { ADA, groupDoc, replicaOf } from '../fixtures/group'

/** A group with a meeting (no agenda), and Ben's device: a replica synced both ways. */
function meetingWithPeer() {
  const doc = groupDoc()
  const meetingId = createMeeting(doc, ADA, { date: '2026-03-20' }).id
  const peer = replicaOf(doc)
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'peer') Y.applyUpdate(peer, update, 'peer')
  })
  peer.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'peer') Y.applyUpdate(doc, update, 'peer')
  })
  return { doc, peer, meetingId }
}

function renderNotes(doc: Y.Doc, meetingId: string, options: TestGroupViewOptions = {}) {
  render(() => {
    const view = createTestGroupView(doc, options)
    return <MeetingPage view={view} meetingId={meetingId} today="2026-03-13" />
  })
  return screen.getByLabelText(
    'Shared notes (everyone in the group edits these together)',
  ) as HTMLTextAreaElement
}

describe('meeting notes', () => {
  it("sends what I type to the group, and shows Ben's typing as it arrives", async () => {
    const { doc, peer, meetingId } = meetingWithPeer()
    const textarea = renderNotes(doc, meetingId)
    expect(textarea.readOnly).toBe(false)
    expect(textarea.maxLength).toBe(50_000)
    const user = userEvent.setup()
    await user.type(textarea, 'Start with figure 2')
    expect(meetingNotes(peer, meetingId)!.toString()).toBe('Start with figure 2')

    meetingNotes(peer, meetingId)!.insert(0, 'Ben: ')
    expect(textarea.value).toBe('Ben: Start with figure 2')
    // My caret stays after what I typed, not where Ben's text pushed the offset.
    expect(textarea.selectionStart).toBe(24)
    await user.type(textarea, '.')
    expect(meetingNotes(peer, meetingId)!.toString()).toBe('Ben: Start with figure 2.')
    expect(screen.getByText('25 of 50,000 characters')).toBeTruthy()
  })

  it('shows the notes that were there when the page opened', () => {
    const { doc, meetingId } = meetingWithPeer()
    meetingNotes(doc, meetingId)!.insert(0, 'Agreed: read section 3 first')
    const textarea = renderNotes(doc, meetingId)
    expect(textarea.value).toBe('Agreed: read section 3 first')
  })

  it('gives a read-only link a read-only field that still follows the group, and says why', () => {
    const { doc, peer, meetingId } = meetingWithPeer()
    const textarea = renderNotes(doc, meetingId, { canWrite: false })
    expect(textarea.readOnly).toBe(true)
    expect(screen.getByText(/Your link is read-only: you can follow the notes/)).toBeTruthy()
    meetingNotes(peer, meetingId)!.insert(0, 'Live from Ben')
    expect(textarea.value).toBe('Live from Ben')
  })

  it('keeps the field read-only until I have chosen a name', () => {
    const { doc, meetingId } = meetingWithPeer()
    const textarea = renderNotes(doc, meetingId, { memberId: undefined })
    expect(textarea.readOnly).toBe(true)
    expect(screen.getByText(/Choose your name first/)).toBeTruthy()
  })

  it('previews the notes as Markdown, inert', async () => {
    const { doc, meetingId } = meetingWithPeer()
    meetingNotes(doc, meetingId)!.insert(0, '**Decision**: <img src=x onerror=alert(1)>')
    renderNotes(doc, meetingId)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Show a preview' }))
    const preview = screen.getByRole('region', { name: 'Preview of the notes' })
    await waitFor(() => expect(within(preview).getByText('Decision').tagName).toBe('STRONG'))
    expect(preview.querySelector('img')).toBeNull()
    expect(
      screen.getByRole('button', { name: 'Hide the preview' }).getAttribute('aria-expanded'),
    ).toBe('true')
  })
})
