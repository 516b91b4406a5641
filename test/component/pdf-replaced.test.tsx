import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { attachPdf } from '../../shared/model'
import { keepPdfFile, keptPdfFile, listKeptPdfs } from '../../client/data/pdf-store'
import { StoragePage } from '../../client/pages/StoragePage'
import { PaperPage } from '../../client/pages/PaperPage'
import { ADA } from '../fixtures/group'
import { createTestGroupView } from '../helpers/test-group-view'
import { OfflineSocket } from './offline-socket'
import { paperDoc, renderPaper } from './paper-page-setup'
import { deletePdfDatabase, joinTestGroup, servedPdf, stubPdfServer } from './pdf-helpers'

let groupId: string

beforeEach(() => {
  // The reading positions' private document would connect: unstubbed after each test.
  vi.stubGlobal('WebSocket', OfflineSocket)
  groupId = joinTestGroup().groupId
})

afterEach(async () => {
  vi.unstubAllGlobals()
  await deletePdfDatabase()
})

/**
 * A paper whose first PDF is kept on this device, then replaced by a member attaching another
 * file (on the server too).
 */
async function replacedPdf() {
  const server = stubPdfServer()
  const { doc, paper } = paperDoc()
  const old = servedPdf('The first version')
  const fresh = servedPdf('The second version')
  for (const pdf of [old, fresh]) server.stored.set(pdf.sha256, pdf)
  const attach = (pdf: typeof old, at: number) =>
    attachPdf(doc, { ...ADA, now: at }, paper.id, {
      sha256: pdf.sha256,
      size: pdf.bytes.byteLength,
      source: 'upload',
    })
  attach(old, ADA.now!)
  const owner = { groupId, paperId: paper.id, title: paper.title }
  await keepPdfFile(old.sha256, new Blob([old.bytes]), owner)
  attach(fresh, ADA.now! + 1000)
  return { doc, paper, old, fresh }
}

describe('a paper’s PDF replaced by another file', () => {
  it('says the older copy is kept, and frees it once the new one is kept offline', async () => {
    const { doc, paper, old, fresh } = await replacedPdf()
    renderPaper(doc, paper.id, { groupId })
    const section = screen.getByRole('region', { name: 'PDF' })
    const note = await within(section).findByText(/^This device keeps an older PDF of this paper/)
    expect(note.textContent).toContain('Keeping this one offline frees it')

    await userEvent.click(within(section).getByRole('button', { name: 'Keep offline' }))
    await within(section).findByText(/^Kept offline \(/)
    expect((await listKeptPdfs()).map((pdf) => pdf.sha256)).toEqual([fresh.sha256])
    expect(await keptPdfFile(old.sha256)).toBeUndefined()
    expect(within(section).queryByText(/older PDF/)).toBeNull()
  })

  it('lists the older copy on the storage page as an older PDF, to free', async () => {
    const { doc, old } = await replacedPdf()
    render(() => {
      const view = createTestGroupView(doc, { groupId })
      return <StoragePage view={view} />
    })
    const list = await screen.findByRole('list', { name: 'Kept PDFs, largest first' })
    const row = within(list).getByRole('listitem')
    expect(row.textContent).toContain('(an older PDF: the paper has another one now)')
    await userEvent.click(within(row).getByRole('button', { name: /^Free .+ \(older PDF\)$/ }))
    await screen.findByText('No PDFs are kept on this device.')
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    await waitFor(async () => expect(await keptPdfFile(old.sha256)).toBeUndefined())
  })

  it('does not call the paper’s current PDF older', async () => {
    const { doc, paper, fresh } = await replacedPdf()
    await keepPdfFile(fresh.sha256, new Blob([fresh.bytes]), {
      groupId,
      paperId: paper.id,
      title: paper.title,
    })
    render(() => {
      const view = createTestGroupView(doc, { groupId })
      return <StoragePage view={view} />
    })
    const list = await screen.findByRole('list', { name: 'Kept PDFs, largest first' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(1)
    expect(list.textContent).not.toContain('older')
  })
})

describe('removing the copy of a PDF kept on this device, while offline', () => {
  it('warns that it cannot be downloaded again, and removes it only when confirmed', async () => {
    const { doc, paper, fresh } = await replacedPdf()
    await keepPdfFile(fresh.sha256, new Blob([fresh.bytes]), {
      groupId,
      paperId: paper.id,
      title: paper.title,
    })
    render(() => {
      const view = { ...createTestGroupView(doc, { groupId }), status: () => 'offline' as const }
      return <PaperPage view={view} paperId={paper.id} />
    })
    const section = screen.getByRole('region', { name: 'PDF' })
    const remove = await within(section).findByRole('button', {
      name: 'Remove the copy kept on this device',
    })
    await userEvent.click(remove)
    const warning = within(section).getByRole('alert')
    expect(warning.textContent).toContain(
      'You are offline: once removed, this PDF cannot be downloaded again until this device is back online.',
    )
    expect(document.activeElement).toBe(within(warning).getByRole('button', { name: 'Keep it' }))
    await userEvent.click(within(warning).getByRole('button', { name: 'Keep it' }))
    expect(await keptPdfFile(fresh.sha256)).toBeDefined()

    await userEvent.click(remove)
    await userEvent.click(within(section).getByRole('button', { name: 'Remove anyway' }))
    await within(section).findByRole('button', { name: 'Keep offline' })
    expect(await keptPdfFile(fresh.sha256)).toBeUndefined()
  })
})
