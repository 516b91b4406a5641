import { describe, expect, it } from 'vitest'
import { fromBase64UrlEncoded, toHexString } from 'lib0/buffer'
import {
  exportCounts,
  webAnnotationsOf,
  type WebAnnotation,
  type WebAnnotationTarget,
} from '../../shared/export/web-annotation'
import { selectorsFor } from '../../shared/anchoring/text-quote'
import {
  addAnnotation,
  addComment,
  addPaper,
  setAnnotationDeleted,
  setCommentDeleted,
} from '../../shared/model'
import { attachPdf } from '../../shared/model/pdfs'
import { ADA, BEN, groupDoc, later, paperInput } from '../fixtures/group'

const ABSTRACT =
  'Reading groups meet every week. Members highlight passages of papers and argue in threads.'
const PASSAGE = 'highlight passages'
const SHA = 'ab'.repeat(32)
const GENERATED = new Date(Date.UTC(2026, 10, 27, 12))

/** A group with one arXiv paper: a note and a bare highlight on its abstract, a PDF highlight. */
function annotatedGroup() {
  const doc = groupDoc()
  const { paper } = addPaper(
    doc,
    ADA,
    paperInput({ arxivId: '2401.01234', abstract: ABSTRACT, source: 'arxiv' }),
  )
  const start = ABSTRACT.indexOf(PASSAGE)
  const note = addAnnotation(doc, ADA, {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(ABSTRACT, start, start + PASSAGE.length) },
    note: 'See **section 2** <script>alert(1)</script>',
  })
  const bare = addAnnotation(doc, BEN, {
    paperId: paper.id,
    target: { source: paper.id, ...selectorsFor(ABSTRACT, 0, 14) },
  })
  attachPdf(doc, ADA, paper.id, { sha256: SHA, size: 1000, source: 'upload', name: 'p.pdf' })
  const page = 'The second page begins here. Members keep their notes on the train.'
  const onPage = addAnnotation(doc, BEN, {
    paperId: paper.id,
    target: { source: paper.id, page: 2, pdf: SHA, ...selectorsFor(page, 29, 67) },
    note: 'On the train too',
  })
  return { doc, paper, note, bare, onPage, page }
}

const itemsOf = (collection: ReturnType<typeof webAnnotationsOf>) => collection.first?.items ?? []
const byId = (items: WebAnnotation[], id: string) => items.find((item) => item.id === id)

describe('W3C Web Annotation export', () => {
  it('is an AnnotationCollection of the group, with every annotation as an Annotation', () => {
    const { doc, paper } = annotatedGroup()
    const collection = webAnnotationsOf(doc, {
      groupId: 'group1',
      paperIds: [paper.id],
      generated: GENERATED,
    })
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(collection.type).toBe('AnnotationCollection')
    expect(collection.label).toBe('Vision reading group: annotations and threads')
    expect(collection.generated).toBe('2026-11-27T12:00:00.000Z')
    expect(collection.total).toBe(3)
    expect(collection.first?.type).toBe('AnnotationPage')
    expect(collection.last).toBe(collection.first?.id)
    expect(exportCounts(doc, [paper.id])).toEqual({ annotations: 3, comments: 0 })
    const items = itemsOf(collection)
    expect(items).toHaveLength(3)
    for (const item of items) {
      expect(item.type).toBe('Annotation')
      expect(item.id).toMatch(/^urn:margins:annotation:/)
      expect(Date.parse(item.created)).not.toBeNaN()
    }
    expect(new Set(items.map((item) => item.id)).size).toBe(3)
    // Plain JSON: what is written is what a reader of the file gets.
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection)
  })

  it('gives a note as a Markdown body, as written, and a bare highlight none', () => {
    const { doc, paper, note, bare } = annotatedGroup()
    const items = itemsOf(
      webAnnotationsOf(doc, { groupId: 'g', paperIds: [paper.id], generated: GENERATED }),
    )
    const noted = byId(items, `urn:margins:annotation:${note.id}`)
    expect(noted).toMatchObject({
      motivation: 'commenting',
      creator: { id: 'urn:margins:member:ada', type: 'Person', name: 'Ada' },
      body: {
        type: 'TextualBody',
        value: 'See **section 2** <script>alert(1)</script>',
        format: 'text/markdown',
      },
    })
    const highlight = byId(items, `urn:margins:annotation:${bare.id}`)
    expect(highlight?.motivation).toBe('highlighting')
    expect(highlight?.creator.name).toBe('Ben')
    expect(highlight).not.toHaveProperty('body')
  })

  it('targets the abstract by a quote whose context finds the passage again, without offsets', () => {
    const { doc, paper, note } = annotatedGroup()
    const items = itemsOf(
      webAnnotationsOf(doc, { groupId: 'g', paperIds: [paper.id], generated: GENERATED }),
    )
    const target = byId(items, `urn:margins:annotation:${note.id}`)?.target as WebAnnotationTarget
    expect(target.source).toBe('https://arxiv.org/abs/2401.01234')
    // Offsets into the abstract alone would point elsewhere in the paper's page: only the quote.
    expect(target.selector).toHaveLength(1)
    const [quote] = target.selector
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: PASSAGE })
    if (quote?.type !== 'TextQuoteSelector') return
    expect(ABSTRACT).toContain(`${quote.prefix}${quote.exact}${quote.suffix}`)
    expect(quote.prefix!.length).toBeGreaterThan(0)
  })

  it('names a PDF page’s file by arXiv when no file is kept, and the paper alone when none is known', () => {
    const doc = groupDoc()
    const page = 'A page of text with a passage on it.'
    const at = page.indexOf('a passage')
    const selectors = selectorsFor(page, at, at + 'a passage'.length)
    const onArxiv = addPaper(doc, ADA, paperInput({ arxivId: '2401.05678', source: 'arxiv' })).paper
    const plain = addPaper(doc, ADA, paperInput({ title: 'No PDF anywhere' })).paper
    for (const paper of [onArxiv, plain]) {
      addAnnotation(doc, ADA, {
        paperId: paper.id,
        target: { source: paper.id, page: 3, ...selectors },
      })
    }
    const items = itemsOf(
      webAnnotationsOf(doc, {
        groupId: 'g',
        paperIds: [onArxiv.id, plain.id],
        generated: GENERATED,
      }),
    )
    const [arxiv, none] = items.map((item) => item.target as WebAnnotationTarget)
    expect(arxiv?.source).toBe('https://arxiv.org/pdf/2401.05678')
    expect(arxiv?.selector[0]).toMatchObject({ type: 'FragmentSelector', value: 'page=3' })
    expect(none?.source).toBe(`urn:margins:paper:${encodeURIComponent(plain.id)}`)
    expect(none?.selector).toEqual([
      expect.objectContaining({ type: 'TextQuoteSelector', exact: 'a passage' }),
    ])
  })

  it('targets a PDF page by the file’s SHA-256 and a page fragment refined by both selectors', () => {
    const { doc, paper, onPage, page } = annotatedGroup()
    const items = itemsOf(
      webAnnotationsOf(doc, { groupId: 'g', paperIds: [paper.id], generated: GENERATED }),
    )
    const target = byId(items, `urn:margins:annotation:${onPage.id}`)?.target as WebAnnotationTarget
    expect(target.source).toMatch(/^ni:\/\/\/sha-256;[A-Za-z0-9_-]{43}$/)
    expect(toHexString(fromBase64UrlEncoded(target.source.split(';')[1]!))).toBe(SHA)
    expect(target.scope).toBe('https://arxiv.org/abs/2401.01234')
    expect(target.selector).toHaveLength(2)
    for (const selector of target.selector) {
      expect(selector).toMatchObject({
        type: 'FragmentSelector',
        conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
        value: 'page=2',
      })
    }
    const refined = target.selector.map((selector) =>
      selector.type === 'FragmentSelector' ? selector.refinedBy : undefined,
    )
    expect(refined[0]).toMatchObject({ type: 'TextQuoteSelector', exact: page.slice(29, 67) })
    expect(refined[1]).toEqual({ type: 'TextPositionSelector', start: 29, end: 67 })
  })

  it('exports threads as replies to what they answer, leaving out what was deleted', () => {
    const { doc, paper, note, bare } = annotatedGroup()
    const first = addComment(doc, BEN, { paperId: paper.id, annotationId: note.id, body: 'Why?' })
    const gone = addComment(doc, ADA, { paperId: paper.id, parentId: first.id, body: 'Oops' })
    const orphan = addComment(doc, BEN, {
      paperId: paper.id,
      parentId: gone.id,
      body: 'Still here',
    })
    setCommentDeleted(doc, later(ADA, 1_000), gone.id, true)
    const discussion = addComment(doc, ADA, { paperId: paper.id, body: 'Read for Thursday' })
    const answer = addComment(doc, BEN, { paperId: paper.id, parentId: discussion.id, body: 'Yes' })
    const onBare = addComment(doc, ADA, { paperId: paper.id, annotationId: bare.id, body: 'Hm' })
    setAnnotationDeleted(doc, later(BEN, 1_000), bare.id, true)

    const items = itemsOf(
      webAnnotationsOf(doc, { groupId: 'g', paperIds: [paper.id], generated: GENERATED }),
    )
    const comment = (id: string) => byId(items, `urn:margins:comment:${id}`)
    expect(comment(first.id)).toMatchObject({
      motivation: 'replying',
      target: `urn:margins:annotation:${note.id}`,
      body: { value: 'Why?', format: 'text/markdown' },
      creator: { name: 'Ben' },
    })
    expect(comment(gone.id)).toBeUndefined()
    expect(comment(orphan.id)?.target).toBe(`urn:margins:comment:${first.id}`)
    expect(comment(discussion.id)).toMatchObject({
      motivation: 'commenting',
      target: 'https://arxiv.org/abs/2401.01234',
    })
    expect(comment(answer.id)).toMatchObject({
      motivation: 'replying',
      target: `urn:margins:comment:${discussion.id}`,
    })
    // A deleted annotation goes with its thread.
    expect(byId(items, `urn:margins:annotation:${bare.id}`)).toBeUndefined()
    expect(comment(onBare.id)).toBeUndefined()
    // The page's count says what the file holds: 2 annotations (the bare one is deleted), and
    // 4 comments (one deleted, one in the deleted annotation's thread).
    expect(exportCounts(doc, [paper.id])).toEqual({ annotations: 2, comments: 4 })
    // Every reply answers something in the file.
    const ids = new Set(items.map((item) => item.id))
    for (const item of items.filter((each) => each.motivation === 'replying')) {
      expect(ids).toContain(item.target)
    }
  })

  it('exports only the papers asked for, in their order, naming papers by DOI or id', () => {
    const doc = groupDoc()
    const journal = addPaper(doc, ADA, paperInput({ title: 'A journal paper', doi: '10.1000/xyz' }))
    const plain = addPaper(doc, ADA, paperInput({ title: 'A note with no link' }))
    const skipped = addPaper(doc, ADA, paperInput({ title: 'Not exported' }))
    for (const { paper } of [journal, plain, skipped]) {
      addComment(doc, ADA, { paperId: paper.id, body: `On ${paper.title}` })
    }
    const collection = webAnnotationsOf(doc, {
      groupId: 'g',
      paperIds: [plain.paper.id, journal.paper.id, 'no-such-paper'],
      generated: GENERATED,
    })
    expect(itemsOf(collection).map((item) => item.body?.value)).toEqual([
      'On A note with no link',
      'On A journal paper',
    ])
    expect(itemsOf(collection).map((item) => item.target)).toEqual([
      `urn:margins:paper:${encodeURIComponent(plain.paper.id)}`,
      'https://doi.org/10.1000/xyz',
    ])
  })

  it('writes the group id and DOI into their IRIs percent-encoded', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput({ doi: '10.1000/a#b<c>' }))
    addComment(doc, ADA, { paperId: paper.id, body: 'On the DOI paper' })
    const collection = webAnnotationsOf(doc, {
      groupId: 'g:1',
      paperIds: [paper.id],
      generated: GENERATED,
    })
    const [item] = itemsOf(collection)
    expect(item?.target).toBe('https://doi.org/10.1000/a%23b%3Cc%3E')
    expect(collection.id).toBe('urn:margins:group:g%3A1:annotations')
  })

  it('has no page at all when nothing was written', () => {
    const doc = groupDoc()
    const { paper } = addPaper(doc, ADA, paperInput())
    const collection = webAnnotationsOf(doc, {
      groupId: 'g',
      paperIds: [paper.id],
      generated: GENERATED,
    })
    expect(collection.total).toBe(0)
    expect(collection).not.toHaveProperty('first')
  })
})
