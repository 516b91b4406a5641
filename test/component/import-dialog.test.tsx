import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import * as Y from 'yjs'
import { importBibtex } from '../../shared/importers'
import { MAX_IMPORT, importPapers, listPapers } from '../../shared/model'
import { createGroupActions } from '../../client/data/group-actions'
import { createLibrary } from '../../client/data/create-library'
import type { GroupView } from '../../client/data/create-group-view'
import { ImportDialog } from '../../client/components/import/ImportDialog'
import { ADA, groupDoc } from '../fixtures/group'

const trending = readFileSync('server/demo/trending-papers.txt', 'utf8')
const sampleBib = readFileSync('test/fixtures/importers/sample.bib', 'utf8')

interface ViewOptions {
  canWrite?: boolean
}

/** Drafts are kept per group: an id of its own per document keeps tests apart. */
const groupIds = new WeakMap<Y.Doc, string>()

/** The part of a GroupView the dialog uses, over a bare document (no server, no IndexedDB). */
function testView(doc: Y.Doc, options: ViewOptions = {}): GroupView {
  const canWrite = options.canWrite ?? true
  if (!groupIds.has(doc)) groupIds.set(doc, `group-${Math.random().toString(36).slice(2)}`)
  return {
    groupId: groupIds.get(doc),
    canWrite,
    memberId: () => ADA.memberId,
    doc,
    actions: createGroupActions(doc, canWrite, () => ADA.memberId),
    library: createLibrary(doc),
  } as unknown as GroupView
}

function open(doc: Y.Doc, options: ViewOptions = {}) {
  const onClose = vi.fn()
  const onImported = vi.fn()
  render(() => {
    // Made once: a prop expression is a getter that Solid runs on every read.
    const view = testView(doc, options)
    return <ImportDialog view={view} onClose={onClose} onImported={onImported} />
  })
  return { onClose, onImported, user: userEvent.setup() }
}

async function pasteAndPreview(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(screen.getByLabelText('Paste papers'))
  await user.paste(text)
  await user.click(screen.getByRole('button', { name: 'Preview' }))
}

describe('ImportDialog', () => {
  it('is a labelled modal dialog that Escape closes, keeping what was pasted', async () => {
    const doc = groupDoc()
    const first = open(doc)
    const dialog = screen.getByRole('dialog', { name: 'Add papers' })
    expect((dialog as HTMLDialogElement).open).toBe(true)
    await first.user.click(screen.getByLabelText('Paste papers'))
    await first.user.paste('2401.12345')
    await first.user.keyboard('{Escape}')
    expect(first.onClose).toHaveBeenCalledOnce()
    document.body.innerHTML = ''
    open(doc)
    expect(screen.getByLabelText<HTMLTextAreaElement>('Paste papers').value).toBe('2401.12345')
  })

  it('previews the 68 papers of a pasted trending page, adds them, and flags them all on a second paste', async () => {
    const doc = groupDoc()
    const { user, onClose, onImported } = open(doc)
    await pasteAndPreview(user, trending)
    expect(
      await screen.findByRole('heading', { name: '68 new, 0 already in the library' }),
    ).toBeTruthy()
    expect(screen.getAllByRole('checkbox')).toHaveLength(68)
    expect(listPapers(doc)).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Add 68 papers' }))
    expect(listPapers(doc)).toHaveLength(68)
    expect(onImported).toHaveBeenCalledWith('Added 68 papers')
    expect(onClose).toHaveBeenCalledOnce()
    expect(await screen.findByText('Added 68 papers')).toBeTruthy()

    document.body.innerHTML = ''
    const again = open(doc)
    // The draft was cleared by the import.
    expect(screen.getByLabelText<HTMLTextAreaElement>('Paste papers').value).toBe('')
    await pasteAndPreview(again.user, trending)
    expect(
      await screen.findByRole('heading', { name: '0 new, 68 already in the library' }),
    ).toBeTruthy()
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0)
    expect(screen.getAllByText('Already in the library')).toHaveLength(68)
    const add = screen.getByRole<HTMLButtonElement>('button', { name: 'Nothing new to add' })
    expect(add.disabled).toBe(true)
  })

  it('adds only the papers left ticked', async () => {
    const doc = groupDoc()
    const { user } = open(doc)
    await pasteAndPreview(user, trending)
    const boxes = await screen.findAllByRole<HTMLInputElement>('checkbox')
    const unticked = boxes[3] as HTMLInputElement
    const title = unticked.closest('label')?.querySelector('.import-title')?.textContent
    await user.click(unticked)
    expect(unticked.checked).toBe(false)
    await user.click(screen.getByRole('button', { name: 'Add 67 papers' }))
    const titles = listPapers(doc).map((paper) => paper.title)
    expect(titles).toHaveLength(67)
    expect(title).toBeTruthy()
    expect(titles).not.toContain(title)
  })

  it('reads pasted BibTeX, flags an entry that appears twice, and says what was left out', async () => {
    const doc = groupDoc()
    const { user } = open(doc)
    const twice = `${sampleBib}\n@misc{again,\n  title = {Polyak-{\\L}ojasiewicz Conditions for Deep Networks},\n}\n`
    const expected = importBibtex(sampleBib)
    await pasteAndPreview(user, twice)
    const heading = await screen.findByRole('heading', { name: /new, 0 already in the library/ })
    expect(heading.textContent).toBe(
      `${expected.papers.length} new, 0 already in the library, 1 repeated in this paste`,
    )
    expect(screen.getByText(/Read as BibTeX from the pasted text/)).toBeTruthy()
    expect(screen.getByText('Appears twice in this paste')).toBeTruthy()
    expect(screen.getByText(/items were left out of the list/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: `Add ${expected.papers.length} papers` }))
    expect(listPapers(doc).map((paper) => paper.title)).toContain(
      'Polyak-Łojasiewicz Conditions for Deep Networks',
    )
    expect(listPapers(doc)).toHaveLength(expected.papers.length)
  })

  it('shows why a malformed file cannot be read, and writes nothing', async () => {
    const doc = groupDoc()
    const before = Y.encodeStateVector(doc)
    const { user, onClose } = open(doc)
    const file = new File(['{"papers": [1, 2'], 'daily.json', { type: 'application/json' })
    await user.upload(screen.getByLabelText('Or choose a file'), file)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/^daily\.json cannot be read: /)
    expect(screen.queryByRole('checkbox')).toBeNull()
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(onClose).not.toHaveBeenCalled()
  })

  it('previews a chosen file by its name: an arXiv Atom feed', async () => {
    const doc = groupDoc()
    const { user } = open(doc)
    const { atomEntry, atomFeed } = await import('../fixtures/importers/atom')
    const file = new File([atomFeed([atomEntry()])], 'query.xml', { type: 'application/xml' })
    await user.upload(screen.getByLabelText('Or choose a file'), file)
    expect(
      await screen.findByRole('heading', { name: '1 new, 0 already in the library' }),
    ).toBeTruthy()
    expect(screen.getByText(/Read as an arXiv Atom feed from query\.xml/)).toBeTruthy()
    expect(screen.getByText('TÜLU 3: Pushing Frontiers in Open Language Model Post-Training'))
  })

  it('marks papers known only by their arXiv id as filled in later', async () => {
    const doc = groupDoc()
    importPapers(doc, ADA, [{ arxivId: '2401.12345', source: 'arxiv' }])
    const { user } = open(doc)
    await pasteAndPreview(user, 'https://arxiv.org/abs/2401.12345v2\narXiv:2402.00001')
    const heading = await screen.findByRole('heading', { name: '1 new, 1 already in the library' })
    const list = heading.closest('section') as HTMLElement
    expect(within(list).getByText('arXiv:2402.00001')).toBeTruthy()
    expect(within(list).getByText('Details will be filled in from arXiv when online')).toBeTruthy()
  })

  it('says when nothing in the text is a paper', async () => {
    const { user } = open(groupDoc())
    await pasteAndPreview(user, 'hello')
    expect((await screen.findByRole('alert')).textContent).toMatch(/No paper found/)
  })

  it('lets a read-only member preview but not add', async () => {
    const doc = groupDoc()
    const { user } = open(doc, { canWrite: false })
    expect(screen.getByText(/This link is read-only/)).toBeTruthy()
    await pasteAndPreview(user, '2401.12345')
    const add = await screen.findByRole<HTMLButtonElement>('button', { name: 'Add 1 paper' })
    expect(add.disabled).toBe(true)
  })

  it(`adds more than ${MAX_IMPORT} papers in several imports`, async () => {
    const doc = groupDoc()
    const { user } = open(doc)
    const ids = Array.from(
      { length: MAX_IMPORT + 2 },
      (_, i) => `2401.${String(i + 1).padStart(5, '0')}`,
    )
    await pasteAndPreview(user, ids.join('\n'))
    await screen.findByRole('heading', { name: /^5,002 new/ })
    expect(screen.getByText(/added in 2 parts/)).toBeTruthy()
    // The rows not shown yet are ticked too.
    expect(screen.getAllByRole('checkbox')).toHaveLength(500)
    expect(screen.getByRole('button', { name: 'Show all 5,002' })).toBeTruthy()
    let updates = 0
    doc.on('update', () => updates++)
    await user.click(screen.getByRole('button', { name: 'Add 5,002 papers' }))
    await waitFor(() => expect(listPapers(doc)).toHaveLength(MAX_IMPORT + 2))
    expect(updates).toBe(2)
  }, 60_000)
})
