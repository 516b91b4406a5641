import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, screen, waitFor } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { attachPdf, pdfOf } from '../../shared/model'
import { keptPdfFile, listKeptPdfs } from '../../client/data/pdf-store'
import { ADA } from '../fixtures/group'
import { paperDoc, renderPaper } from './paper-page-setup'
import { OfflineSocket } from './offline-socket'
import { deletePdfDatabase, joinTestGroup, pdfFile, servedPdf, stubPdfServer } from './pdf-helpers'

let groupId: string
let writeKey: string

beforeEach(() => {
  // The reading positions' private document would connect: unstubbed after each test.
  vi.stubGlobal('WebSocket', OfflineSocket)
  const keys = joinTestGroup()
  groupId = keys.groupId
  writeKey = keys.writeKey
})

afterEach(async () => {
  vi.unstubAllGlobals()
  await deletePdfDatabase()
})

const section = () => screen.getByRole('region', { name: 'PDF' })
const picker = () => screen.getByLabelText('Attach a PDF file') as HTMLInputElement

describe('the PDF section of a paper', () => {
  it('attaches a picked PDF: sent with the group’s key, then recorded in the group', async () => {
    const server = stubPdfServer()
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id, { groupId })
    const pdf = servedPdf()
    await userEvent.upload(picker(), pdfFile(pdf.bytes, 'replay.pdf'))

    await screen.findByRole('button', { name: 'Open PDF' })
    expect(server.requests).toMatchObject([
      { method: 'POST', path: `/api/groups/${groupId}/pdfs`, authorization: `Bearer ${writeKey}` },
    ])
    expect(pdfOf(doc, paper.id)).toMatchObject({
      sha256: pdf.sha256,
      size: pdf.bytes.byteLength,
      source: 'upload',
      name: 'replay.pdf',
      addedBy: 'ada',
    })
    expect(section().textContent).toContain('replay.pdf')
    expect(section().textContent).toContain('added by Ada')
    expect(section().querySelector('[role=status]')?.textContent).toMatch(/^PDF attached \(/)
  })

  it('attaches a PDF dropped on the section', async () => {
    stubPdfServer()
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id, { groupId })
    const pdf = servedPdf()
    const zone = section().querySelector('.pdf-drop')!
    fireEvent.drop(zone, { dataTransfer: { files: [pdfFile(pdf.bytes)], types: ['Files'] } })
    await waitFor(() => expect(pdfOf(doc, paper.id)?.sha256).toBe(pdf.sha256))
  })

  it('refuses a file that is not a PDF before sending anything, and says why', async () => {
    const server = stubPdfServer()
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id, { groupId })
    const page = new TextEncoder().encode('<!DOCTYPE html><p>Not found</p>')
    // The picker's `accept` is only a hint: a phone may offer any file.
    await userEvent.upload(picker(), pdfFile(page, 'paper.pdf', 'application/pdf'), {
      applyAccept: false,
    })
    expect((await screen.findByRole('alert')).textContent).toBe('“paper.pdf” is not a PDF file.')
    expect(server.requests).toEqual([])
    expect(pdfOf(doc, paper.id)).toBeUndefined()
  })

  it('says what the server refused, and records nothing', async () => {
    stubPdfServer()
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: 'This PDF is too large.' }), { status: 413 }),
      ),
    )
    const { doc, paper } = paperDoc()
    renderPaper(doc, paper.id, { groupId })
    await userEvent.upload(picker(), pdfFile(servedPdf().bytes))
    expect((await screen.findByRole('alert')).textContent).toBe('This PDF is too large.')
    expect(pdfOf(doc, paper.id)).toBeUndefined()
  })

  it('gets an arXiv paper’s PDF through the server', async () => {
    const pdf = servedPdf('From arXiv')
    const server = stubPdfServer({ '2401.12345': pdf })
    const { doc, paper } = paperDoc({ arxivId: '2401.12345' })
    renderPaper(doc, paper.id, { groupId })
    await userEvent.click(screen.getByRole('button', { name: 'Get the PDF from arXiv' }))
    await screen.findByRole('button', { name: 'Open PDF' })
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: `/api/groups/${groupId}/arxiv-pdf/2401.12345`,
    })
    expect(pdfOf(doc, paper.id)).toMatchObject({ source: 'arxiv', arxivId: '2401.12345' })
    expect(section().textContent).toContain('From arXiv (2401.12345)')
  })

  it('keeps the PDF on the device, then opens it from there with no network', async () => {
    const server = stubPdfServer()
    const { doc, paper } = paperDoc()
    const pdf = servedPdf()
    server.stored.set(pdf.sha256, pdf)
    attachPdf(doc, ADA, paper.id, {
      sha256: pdf.sha256,
      size: pdf.bytes.byteLength,
      source: 'upload',
    })
    renderPaper(doc, paper.id, { groupId })

    await userEvent.click(screen.getByRole('button', { name: 'Keep offline' }))
    await screen.findByText(/^Kept offline \(/)
    expect(server.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/api/groups/${groupId}/pdfs/${pdf.sha256}`,
      authorization: `Bearer ${writeKey}`,
    })
    const kept = await listKeptPdfs()
    expect(kept).toMatchObject([
      {
        sha256: pdf.sha256,
        size: pdf.bytes.byteLength,
        owners: [{ groupId, paperId: paper.id, title: paper.title }],
      },
    ])

    server.offline()
    const tab = { opener: {}, location: { href: '' }, close: vi.fn() }
    vi.stubGlobal(
      'open',
      vi.fn(() => tab),
    )
    const opened: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      opened.push(blob as Blob)
      return 'blob:kept-pdf'
    })
    await userEvent.click(screen.getByRole('button', { name: 'Open PDF' }))
    await waitFor(() => expect(tab.location.href).toBe('blob:kept-pdf'))
    const bytes = new Uint8Array(await opened[0]!.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    expect(tab.opener).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()

    await userEvent.click(
      screen.getByRole('button', { name: 'Remove the copy kept on this device' }),
    )
    await screen.findByRole('button', { name: 'Keep offline' })
    expect(await keptPdfFile(pdf.sha256)).toBeUndefined()
  })

  it('says so when a PDF that is not kept cannot be opened offline', async () => {
    const server = stubPdfServer()
    const { doc, paper } = paperDoc()
    const pdf = servedPdf()
    attachPdf(doc, ADA, paper.id, { sha256: pdf.sha256, size: 100, source: 'upload' })
    renderPaper(doc, paper.id, { groupId })
    server.offline()
    const tab = { opener: {}, location: { href: '' }, close: vi.fn() }
    vi.stubGlobal(
      'open',
      vi.fn(() => tab),
    )
    await userEvent.click(screen.getByRole('button', { name: 'Open PDF' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This PDF is not kept on this device, and there is no connection to download it.',
    )
    expect(tab.close).toHaveBeenCalled()
  })

  it('shows a read-only link no way to attach, says why, and still keeps PDFs offline', async () => {
    stubPdfServer()
    const { doc, paper } = paperDoc({ arxivId: '2401.12345' })
    renderPaper(doc, paper.id, { groupId, canWrite: false })
    expect(section().textContent).toContain('Your link is read-only, so you cannot attach one')
    expect(screen.queryByLabelText('Attach a PDF file')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Get the PDF from arXiv' })).toBeNull()

    attachPdf(doc, ADA, paper.id, { sha256: 'a'.repeat(64), size: 100, source: 'upload' })
    await screen.findByRole('button', { name: 'Keep offline' })
    expect(screen.queryByText('Attach another PDF')).toBeNull()
  })
})
