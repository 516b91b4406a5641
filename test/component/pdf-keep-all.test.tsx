import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import {
  addPaper,
  addTag,
  attachPdf,
  createMeeting,
  deleteMeeting,
  pdfOf,
} from '../../shared/model'
import { MeetingPage } from '../../client/pages/MeetingPage'
import { TagsPage } from '../../client/pages/TagsPage'
import { StoragePage } from '../../client/pages/StoragePage'
import { listKeptPdfs } from '../../client/data/pdf-store'
import type { SyncStatus } from '../../client/data/open-group'
import { formatSize } from '../../client/components/pdf/format-size'
import { createTestGroupView, type TestGroupViewOptions } from '../helpers/test-group-view'
import { ADA, groupDoc, paperInput } from '../fixtures/group'
import { OfflineSocket } from './offline-socket'
import { deletePdfDatabase, joinTestGroup, servedPdf, stubPdfServer } from './pdf-helpers'

let groupId: string

beforeEach(() => {
  // The reading positions' private document would connect: unstubbed after each test.
  vi.stubGlobal('WebSocket', OfflineSocket)
  groupId = joinTestGroup().groupId
  // Asked once, on the first PDF kept on this device.
  vi.stubGlobal('navigator', {
    ...navigator,
    storage: {
      persist: vi.fn(async () => true),
      persisted: vi.fn(async () => true),
      estimate: vi.fn(async () => ({ usage: 2_500_000, quota: 1_000_000_000 })),
    },
  })
})

afterEach(async () => {
  vi.unstubAllGlobals()
  await deletePdfDatabase()
})

/**
 * Three papers for Thursday: one with a PDF on the server, one on arXiv without a PDF yet, one
 * with neither; all three tagged "train".
 */
function thursday() {
  const doc = groupDoc()
  const attached = servedPdf('Attached')
  const onArxiv = servedPdf('On arXiv')
  const server = stubPdfServer({ '2401.12345': onArxiv })
  server.stored.set(attached.sha256, attached)
  const papers = [
    paperInput({ title: 'With a PDF' }),
    paperInput({ title: 'On arXiv', arxivId: '2401.12345' }),
    paperInput({ title: 'Nothing yet' }),
  ].map((input, i) => addPaper(doc, { ...ADA, now: ADA.now! + i }, input).paper)
  attachPdf(doc, ADA, papers[0]!.id, {
    sha256: attached.sha256,
    size: attached.bytes.byteLength,
    source: 'upload',
  })
  for (const paper of papers) addTag(doc, ADA, paper.id, 'train')
  const meeting = createMeeting(doc, ADA, {
    date: '2026-03-19',
    title: 'Thursday',
    papers: papers.map((paper) => paper.id),
  })
  return { doc, papers, server, meetingId: meeting.id, attached, onArxiv }
}

function renderWith(
  page: 'meeting' | 'tags' | 'storage',
  doc = thursday().doc,
  meetingId = '',
  { status, ...options }: TestGroupViewOptions & { status?: SyncStatus } = {},
) {
  render(() => {
    const made = createTestGroupView(doc, { groupId, ...options })
    const view = status === undefined ? made : { ...made, status: () => status }
    if (page === 'tags') return <TagsPage view={view} />
    if (page === 'storage') return <StoragePage view={view} />
    return <MeetingPage view={view} meetingId={meetingId} today="2026-03-13" />
  })
}

describe('keeping many papers offline', () => {
  it('keeps a meeting’s agenda, fetching from arXiv first, and says which could not be kept', async () => {
    const { doc, papers, meetingId, onArxiv } = thursday()
    renderWith('meeting', doc, meetingId)
    await userEvent.click(
      screen.getByRole('button', { name: 'Keep all offline: the PDFs of the agenda' }),
    )
    const result = await screen.findByText(/PDFs kept on this device \(/)
    expect(result.textContent).toMatch(
      /^2 PDFs kept on this device \(.+\)\. 1 paper could not be kept:$/,
    )
    const failed = within(result.parentElement!).getAllByRole('listitem')
    expect(failed.map((item) => item.textContent)).toEqual([
      'Nothing yet: No PDF yet; attach one on the paper’s page.',
    ])
    // The arXiv paper now has its PDF in the group too, for everyone.
    expect(pdfOf(doc, papers[1]!.id)).toMatchObject({ sha256: onArxiv.sha256, source: 'arxiv' })
    const kept = await listKeptPdfs()
    expect(kept.map((pdf) => pdf.owners[0]?.title).sort()).toEqual(['On arXiv', 'With a PDF'])
    expect(navigator.storage.persist).toHaveBeenCalledTimes(1)
  })

  it('tells a read-only link which papers need a member to fetch their PDF', async () => {
    const { doc, meetingId } = thursday()
    renderWith('meeting', doc, meetingId, { canWrite: false })
    await userEvent.click(
      screen.getByRole('button', { name: 'Keep all offline: the PDFs of the agenda' }),
    )
    const result = await screen.findByText(/PDF kept on this device \(/)
    expect(
      within(result.parentElement!)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'On arXiv: No PDF yet, and a read-only link cannot fetch one from arXiv.',
      'Nothing yet: No PDF yet; attach one on the paper’s page.',
    ])
  })

  it('says why an arXiv paper could not be kept when arXiv has no PDF for it', async () => {
    const { doc, papers, meetingId } = thursday()
    stubPdfServer({})
    renderWith('meeting', doc, meetingId)
    await userEvent.click(
      screen.getByRole('button', { name: 'Keep all offline: the PDFs of the agenda' }),
    )
    const result = await screen.findByText(/kept on this device \(/)
    expect(within(result.parentElement!).getAllByRole('listitem')[0]?.textContent).toBe(
      'With a PDF: No such PDF in this group.',
    )
    expect(within(result.parentElement!).getAllByRole('listitem')[1]?.textContent).toBe(
      'On arXiv: The PDF could not be fetched from arXiv. arXiv has no PDF for this paper.',
    )
    expect(pdfOf(doc, papers[1]!.id)).toBeUndefined()
  })

  it('offers nothing to keep for a deleted meeting', () => {
    const { doc, meetingId } = thursday()
    deleteMeeting(doc, ADA, meetingId)
    renderWith('meeting', doc, meetingId)
    expect(screen.queryByRole('button', { name: /^Keep all offline/ })).toBeNull()
  })

  it('keeps every paper of the chosen tag', async () => {
    const { doc, papers } = thursday()
    addTag(doc, ADA, papers[0]!.id, 'alone')
    renderWith('tags', doc)
    await userEvent.selectOptions(screen.getByLabelText('Tag'), 'alone')
    await userEvent.click(
      screen.getByRole('button', { name: 'Keep all offline: the PDFs of “alone”' }),
    )
    await screen.findByText(/^1 PDF kept on this device/)
    expect((await listKeptPdfs()).map((pdf) => pdf.owners[0]?.title)).toEqual(['With a PDF'])
  })

  it('lists what is kept with sizes and the browser’s estimate, and frees one or all', async () => {
    const { doc, meetingId } = thursday()
    renderWith('meeting', doc, meetingId)
    await userEvent.click(
      screen.getByRole('button', { name: 'Keep all offline: the PDFs of the agenda' }),
    )
    await screen.findByText(/PDFs kept on this device \(/)
    const kept = await listKeptPdfs()
    const total = kept.reduce((sum, pdf) => sum + pdf.size, 0)
    document.body.innerHTML = ''
    renderWith('storage', doc)

    const list = await screen.findByRole('list', { name: 'Kept PDFs, largest first' })
    expect(
      within(list)
        .getAllByRole('link')
        .map((link) => link.textContent)
        .sort(),
    ).toEqual(['On arXiv', 'With a PDF'])
    expect(screen.getByText(`2 PDFs kept, ${formatSize(total)} in all.`)).toBeTruthy()
    await waitFor(() =>
      expect(screen.getByText(/^Margins uses 2.5 MB of this device/).textContent).toContain(
        'The browser will keep it until you free it.',
      ),
    )

    const withPdf = kept.find((pdf) => pdf.owners[0]?.title === 'With a PDF')!
    await userEvent.click(screen.getByRole('button', { name: /^Free .+: With a PDF$/ }))
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1))
    expect(screen.getByText(`Freed ${formatSize(withPdf.size)}: With a PDF.`)).toBeTruthy()
    // Freed once the offer to undo it goes: here the next one replaces it.
    await userEvent.click(screen.getByRole('button', { name: /^Free all/ }))
    await screen.findByText('No PDFs are kept on this device.')
    await waitFor(async () =>
      expect((await listKeptPdfs()).map((pdf) => pdf.owners[0]?.title)).toEqual(['On arXiv']),
    )
    expect(screen.getByText(/^Freed .+: 1 PDF\.$/)).toBeTruthy()

    // Undone: the last one is back, and was never deleted.
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(
      within(list)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['On arXiv'])
    expect(screen.getByText(`1 PDF kept, ${formatSize(total - withPdf.size)} in all.`)).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: /^Free all/ }))
    await screen.findByText('No PDFs are kept on this device.')
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    await waitFor(async () => expect(await listKeptPdfs()).toEqual([]))
  })

  it('warns before freeing while offline, and keeps the PDF when asked', async () => {
    const { doc, meetingId } = thursday()
    renderWith('meeting', doc, meetingId)
    await userEvent.click(
      screen.getByRole('button', { name: 'Keep all offline: the PDFs of the agenda' }),
    )
    await screen.findByText(/PDFs kept on this device \(/)
    document.body.innerHTML = ''
    renderWith('storage', doc, '', { status: 'offline' })
    const list = await screen.findByRole('list', { name: 'Kept PDFs, largest first' })

    await userEvent.click(screen.getByRole('button', { name: /^Free .+: With a PDF$/ }))
    const warning = screen.getByRole('alert')
    expect(warning.textContent).toContain(
      'You are offline: once freed, With a PDF cannot be downloaded again until this device is back online. Free it anyway?',
    )
    expect(document.activeElement).toBe(within(warning).getByRole('button', { name: 'Keep it' }))
    await userEvent.click(within(warning).getByRole('button', { name: 'Keep it' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)

    await userEvent.click(screen.getByRole('button', { name: /^Free all/ }))
    const all = screen.getByRole('alert')
    expect(all.textContent).toContain('once freed, 2 PDFs cannot be downloaded again')
    await userEvent.click(within(all).getByRole('button', { name: 'Free anyway' }))
    await screen.findByText('No PDFs are kept on this device.')
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    await waitFor(async () => expect(await listKeptPdfs()).toEqual([]))
  })
})
