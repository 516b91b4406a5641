/**
 * PDF anchoring over the text pdf.js really extracts from a PDF the test builds: a highlight made
 * on page 2 is stored by the model, found again after a re-render, in a re-typeset version of
 * the paper and on the page its sentence moved to, and orphaned once the sentence is gone.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { anchorPdfTarget, describePdfSelection } from '../../shared/anchoring/pdf-anchor'
import { pdfPageText } from '../../shared/anchoring/pdf-page-text'
import { addAnnotation, addPaper, listAnnotations } from '../../shared/model'
import { ADA, groupDoc, paperInput } from '../fixtures/group'
import { minimalPdf, sha256Hex } from '../fixtures/pdf'

const FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

const INTRO = ['Reading groups meet every week.', 'Members highlight passages of papers.']
const METHOD = [
  'Each highlight keeps a quote of the text,',
  'with some context before and after it, and',
  'its position on the page. Highlights re-',
  'anchor after the page is drawn again.',
]
const RESULTS = ['We measured nothing at all.', 'The end.']
const SENTENCE = 'Highlights re-\nanchor after the page is drawn again.'

/** Each page's text as pdf.js extracts it, joined as the reader joins it. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const pdf = await getDocument({
    data: bytes.slice(),
    standardFontDataUrl: FONTS,
    isEvalSupported: false,
  }).promise
  try {
    const texts: string[] = []
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number)
      texts.push(pdfPageText((await page.getTextContent()).items).text)
    }
    return texts
  } finally {
    await pdf.destroy()
  }
}

async function highlightOnPage2() {
  const bytes = minimalPdf({ pages: [INTRO, METHOD, RESULTS] })
  const pages = await pageTexts(bytes)
  const start = pages[1]?.indexOf(SENTENCE) ?? -1
  expect(start).toBeGreaterThan(0)
  const selectors = describePdfSelection(pages[1] ?? '', {
    page: 2,
    start,
    end: start + SENTENCE.length,
  })
  const doc = groupDoc()
  const { paper } = addPaper(doc, ADA, paperInput())
  const source = { source: paper.id, pdf: sha256Hex(bytes) }
  addAnnotation(doc, ADA, { paperId: paper.id, target: { ...source, ...selectors! } })
  const [annotation] = listAnnotations(doc, paper.id)
  return { pages, target: annotation!.target, hash: sha256Hex(bytes) }
}

const at = (pages: string[], placement: ReturnType<typeof anchorPdfTarget>) =>
  placement.place === 'page'
    ? pages[placement.page - 1]?.slice(placement.range.start, placement.range.end)
    : undefined

describe('PDF anchoring on text pdf.js extracts', () => {
  it('joins a page’s lines and finds a highlight where it was made after a re-render', async () => {
    const { pages, target, hash } = await highlightOnPage2()
    expect(pages[1]).toBe(METHOD.join('\n'))
    expect(target).toMatchObject({ page: 2, pdf: hash, quote: { exact: SENTENCE } })
    const again = await pageTexts(minimalPdf({ pages: [INTRO, METHOD, RESULTS] }))
    expect(anchorPdfTarget(again, target)).toEqual({
      place: 'page',
      page: 2,
      range: target.position,
      match: 'position',
    })
  })

  it('finds it in a re-typeset version with a line added above it and other line breaks', async () => {
    const { target } = await highlightOnPage2()
    const retypeset = [
      'Erratum: a line added in version 2.',
      'Each highlight keeps a quote of the text, with some',
      'context before and after it, and its position on the',
      'page. Highlights reanchor after the page is drawn',
      'again.',
    ]
    const pages = await pageTexts(minimalPdf({ pages: [INTRO, retypeset, RESULTS] }))
    const placement = anchorPdfTarget(pages, target)
    expect(placement).toMatchObject({ place: 'page', page: 2, match: 'loose' })
    expect(at(pages, placement)).toBe('Highlights reanchor after the page is drawn\nagain.')
  })

  it('follows it to the page it moved to, and orphans it once it is gone', async () => {
    const { target } = await highlightOnPage2()
    const moved = await pageTexts(
      minimalPdf({ pages: [INTRO, ['A new section.'], METHOD, RESULTS] }),
    )
    const placement = anchorPdfTarget(moved, target)
    expect(placement).toMatchObject({ place: 'page', page: 3, match: 'quote' })
    expect(at(moved, placement)).toBe(SENTENCE)

    const gone = await pageTexts(minimalPdf({ pages: [INTRO, METHOD.slice(0, 2), RESULTS] }))
    expect(anchorPdfTarget(gone, target)).toEqual({ place: 'orphaned' })
  })
})
