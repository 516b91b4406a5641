import { describe, expect, it } from 'vitest'
import { render, screen } from '@solidjs/testing-library'
import { attachPdf } from '../../shared/model'
import { paperHref, pdfReaderHref } from '../../client/app/route'
import { PdfReaderPage } from '../../client/pages/PdfReaderPage'
import { ADA } from '../fixtures/group'
import { createTestGroupView } from '../helpers/test-group-view'
import { paperDoc, renderPaper } from './paper-page-setup'

describe('the way into the PDF reader', () => {
  it('is offered by the paper’s PDF section once the paper has a PDF, next to the browser’s', () => {
    const { doc, paper } = paperDoc()
    attachPdf(doc, ADA, paper.id, { sha256: 'a'.repeat(64), size: 100, source: 'upload' })
    const { view } = renderPaper(doc, paper.id)
    const link = screen.getByRole('link', { name: 'Open in the reader' })
    expect(link.getAttribute('href')).toBe(pdfReaderHref(view.groupId, paper.id))
    expect(screen.getByRole('button', { name: 'Open PDF' })).toBeTruthy()
  })

  it('says when the paper has no PDF yet, and leads back to the paper', () => {
    const { doc, paper } = paperDoc()
    let groupId = ''
    render(() => {
      const view = createTestGroupView(doc)
      groupId = view.groupId
      return <PdfReaderPage view={view} paperId={paper.id} />
    })
    expect(screen.getByText('This paper has no PDF yet.')).toBeTruthy()
    const back = screen.getByRole('link', { name: 'Back to the paper' })
    expect(back.getAttribute('href')).toBe(paperHref(groupId, paper.id))
  })
})
